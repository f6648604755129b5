package io.progy.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.progy.cli.VersionProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher, {@code bin/progy}, on the shaded jar that {@code package} built. */
class LauncherIT {
    /** What bin/progy rebuilds the jar from when any file there is newer (see bin/lib/build.sh). */
    private static final List<String> LAUNCHER_SOURCES =
            List.of("git-agent-cli/src", "git-agent-cli/pom.xml", "course-format/src");

    @TempDir
    Path work;

    @Test
    void versionPrintsTheProjectVersionAndExitsZero() throws Exception {
        var root = Repository.root();
        var jar = root.resolve("git-agent-cli/target/progy.jar");
        assumeTrue(Files.isRegularFile(jar), "no " + jar + " (built by `package`): launcher test skipped");
        var newer = newerThan(root, Files.getLastModifiedTime(jar));
        // The launcher would rebuild the module in the middle of this build: not something a test may start.
        assumeTrue(newer.isEmpty(), () -> newer.get() + " is newer than " + jar + ": launcher test skipped");

        var stderr = work.resolve("stderr");
        var process = new ProcessBuilder(root.resolve("bin/progy").toString(), "--version")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(stderr.toFile())
                .start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        var err = Files.readString(stderr);

        assertThat(process.exitValue()).as(err).isZero();
        assertThat(out).isEqualTo("progy " + expectedVersion() + "\n");
        assertThat(err).isEmpty();
    }

    /** The version Maven builds ({@code progy.expected-version}, set by the pom), else the CLI's own. */
    private static String expectedVersion() {
        var version = System.getProperty("progy.expected-version", VersionProvider.version());
        assertThat(version).isNotEqualTo("unknown").matches("\\d+\\.\\d+\\.\\d+.*");
        return version;
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
