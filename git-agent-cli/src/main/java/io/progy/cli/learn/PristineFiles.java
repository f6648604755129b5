package io.progy.cli.learn;

import io.progy.cli.CliException;
import io.progy.cli.cache.ArtifactCache;
import io.progy.cli.progress.ProgyToml;
import io.progy.format.CourseName;
import io.progy.format.Exercise;
import io.progy.format.SafeUnpacker;
import io.progy.format.Sha256;
import io.progy.format.UnpackLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.TreeMap;

/**
 * The exercise files as the course shipped them: read from the package {@code progy init} installed, which the
 * download cache keeps ({@code progy.toml} names its version and sha256). The package is read with the same checks as
 * {@code init} ({@link SafeUnpacker#read}), and only the exercise's files are written back over the student's;
 * files the student added are left alone.
 */
final class PristineFiles {
    private PristineFiles() {}

    /** What {@code progy.toml} says the workspace holds. */
    record Installed(CourseName name, String version, String sha256) {}

    static Installed installed(Path root) throws IOException {
        var settings = ProgyToml.read(root);
        return new Installed(CourseName.parse(settings.course()), settings.version(), settings.sha256());
    }

    /**
     * Copies the pristine files of {@code exercise} over the ones in the course.
     *
     * @return the restored files, relative to the exercise directory
     */
    static List<String> restore(StudentCourse course, Exercise exercise, ArtifactCache cache) throws IOException {
        var installed = installed(course.root());
        var artifact = cache.find(installed.name(), installed.version())
                .orElseThrow(() -> CliException.conflict("the package " + installed.name() + "@" + installed.version()
                        + " is no longer in the download cache (" + cache.root() + "); run `progy init "
                        + installed.name() + "@" + installed.version() + " --offline` elsewhere once it is cached"));
        if (!Sha256.of(artifact).equals(installed.sha256())) {
            throw CliException.conflict("the cached package " + artifact + " does not match progy.toml's sha256");
        }
        var prefix = exercise.path() + "/";
        var pristine = new TreeMap<String, byte[]>();
        SafeUnpacker.read(artifact, UnpackLimits.DEFAULT, (name, content) -> {
            if (name.startsWith(prefix)) {
                pristine.put(name.substring(prefix.length()), content);
            }
        });
        if (pristine.isEmpty()) {
            throw CliException.conflict(
                    exercise.path() + " is not in the package " + installed.name() + "@" + installed.version());
        }
        var root = exercise.dir().toAbsolutePath().normalize();
        for (var file : pristine.entrySet()) {
            var target = root.resolve(file.getKey()).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw CliException.conflict(
                        "the package names a file outside " + exercise.path() + ": " + file.getKey());
            }
            replace(root, target, file.getValue());
        }
        cache.touch(artifact);
        return List.copyOf(pristine.keySet());
    }

    /**
     * Writes {@code content} in place of {@code target}: into a new file beside it, then renamed over it, so a
     * symbolic link there is replaced rather than followed, and an interrupted reset leaves the old file whole.
     * Directories on the way must be real directories inside the exercise.
     */
    private static void replace(Path root, Path target, byte[] content) throws IOException {
        var parent = target.getParent();
        for (var dir = parent; !dir.equals(root); dir = dir.getParent()) {
            if (Files.isSymbolicLink(dir)) {
                throw CliException.conflict(
                        root.relativize(dir) + " is a symbolic link; progy reset does not write" + " through it");
            }
        }
        Files.createDirectories(parent);
        var temp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".progy-reset");
        try {
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
