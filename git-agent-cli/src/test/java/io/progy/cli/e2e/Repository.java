package io.progy.cli.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

/** The Progy repository this module is built from: its launchers and bundled courses. */
final class Repository {
    private Repository() {}

    /** The repository root: the nearest directory above the working directory holding bin/progy and courses/. */
    static Path root() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/progy")) && Files.isDirectory(dir.resolve("courses"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no Progy repository (bin/progy, courses/) above " + Path.of("").toAbsolutePath());
    }

    /** What bin/progy rebuilds the jar from when any file there is newer (see bin/lib/build.sh). */
    private static final List<String> LAUNCHER_SOURCES =
            List.of("git-agent-cli/src", "git-agent-cli/pom.xml", "course-format/src");

    /**
     * The CLI jar {@code package} built, for tests of bin/progy; skips the test when it is missing or older than
     * its sources (the launcher would then rebuild the module in the middle of this build).
     */
    static Path builtCli() throws IOException {
        var root = root();
        var jar = root.resolve("git-agent-cli/target/progy.jar");
        assumeTrue(Files.isRegularFile(jar), "no " + jar + " (built by `package`): launcher test skipped");
        var newer = newerThan(root, Files.getLastModifiedTime(jar));
        assumeTrue(newer.isEmpty(), () -> newer.get() + " is newer than " + jar + ": launcher test skipped");
        return jar;
    }

    private static Optional<Path> newerThan(Path root, FileTime time) throws IOException {
        for (var source : LAUNCHER_SOURCES) {
            var path = root.resolve(source);
            if (!Files.exists(path)) {
                continue;
            }
            try (var files = Files.walk(path)) {
                var newer = files.filter(Files::isRegularFile)
                        .filter(file -> !file.toString().contains("/target/"))
                        .filter(file -> modified(file).compareTo(time) > 0)
                        .findFirst();
                if (newer.isPresent()) {
                    return newer;
                }
            }
        }
        return Optional.empty();
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
