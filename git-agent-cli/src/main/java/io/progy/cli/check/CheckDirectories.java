package io.progy.cli.check;

import io.progy.cli.CliException;
import io.progy.format.CheckResult;
import io.progy.format.CourseManifest;
import io.progy.format.Exercise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a check runs: the course root and the exercise directory, both real paths, after making sure the root holds
 * a {@code course.json} and the exercise directory lies strictly inside it (also through symbolic links), so a check
 * never runs from, or mounts, anything outside the course.
 *
 * @param root the course root
 * @param exerciseDir the exercise directory
 */
record CheckDirectories(Path root, Path exerciseDir) {

    static CheckDirectories confine(Path courseDir, Exercise exercise) {
        try {
            var root = courseDir.toRealPath();
            if (!Files.isRegularFile(root.resolve(CourseManifest.FILE_NAME))) {
                throw CliException.usage(courseDir + " is not a course directory (no course.json)");
            }
            var declared = root.resolve(exercise.path()).normalize();
            if (!inside(declared, root)) {
                throw outside(exercise);
            }
            if (!Files.isDirectory(declared)) {
                throw CliException.usage("exercise directory " + exercise.path() + " does not exist");
            }
            var real = declared.toRealPath();
            if (!inside(real, root)) {
                throw outside(exercise);
            }
            return new CheckDirectories(root, real);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The directory a runner's command runs from: {@code cwd} (relative to the course root, {@code "."} for the root)
     * as a real path inside the course, or exit 2 when it is missing or leads outside it.
     */
    Path workDir(String cwd) {
        if (cwd.equals(".")) {
            return root;
        }
        try {
            var declared = root.resolve(cwd).normalize();
            if (!declared.startsWith(root) || !Files.isDirectory(declared)) {
                throw CliException.usage("the runner's cwd " + cwd + " is not a directory of the course");
            }
            var real = declared.toRealPath();
            if (!real.startsWith(root)) {
                throw CliException.usage("the runner's cwd " + cwd + " leads outside the course directory");
            }
            return real;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A file the course names (a program, a Dockerfile, a Compose file): its real path, which must lie inside the
     * course; exit 2 otherwise.
     */
    Path courseFile(Path file, String what) {
        try {
            var normalized = file.normalize();
            if (!normalized.startsWith(root) || !Files.isRegularFile(normalized)) {
                throw CliException.usage(what + " " + root.relativize(normalized) + " does not exist in the course");
            }
            var real = normalized.toRealPath();
            if (!real.startsWith(root)) {
                throw CliException.usage(
                        what + " " + root.relativize(normalized) + " leads outside the course directory");
            }
            return real;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a {@code results.json} an earlier run left, so that it is never taken for this run's. */
    Path freshResultsFile() {
        var file = exerciseDir.resolve(CheckResult.FILE_NAME);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the old " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static boolean inside(Path path, Path root) {
        return path.startsWith(root) && !path.equals(root);
    }

    private static CliException outside(Exercise exercise) {
        return CliException.usage("exercise " + exercise.id() + " lies outside the course directory");
    }
}
