package io.progy.cli.learn;

import io.progy.cli.CliException;
import io.progy.cli.FileTrees;
import io.progy.cli.cache.ArtifactCache;
import io.progy.cli.progress.ProgyToml;
import io.progy.format.CourseName;
import io.progy.format.Exercise;
import io.progy.format.ProgressState;
import io.progy.format.SafeUnpacker;
import io.progy.format.Sha256;
import io.progy.format.UnpackLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The exercise files as the course shipped them: read from the package {@code progy init} installed, which the
 * download cache keeps ({@code progy.toml} names its version and sha256). The package is unpacked with the same
 * checks as {@code init} into a scratch directory under {@code .progy/}, and the exercise's files are copied back
 * over the student's; files the student added are left alone.
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
        var scratch = Files.createDirectories(course.root().resolve(ProgressState.DIRECTORY));
        var temp = Files.createTempDirectory(scratch, "reset-");
        try {
            var unpacked = temp.resolve("course");
            SafeUnpacker.unpack(artifact, unpacked, UnpackLimits.DEFAULT);
            var source = unpacked.resolve(exercise.path());
            if (!Files.isDirectory(source)) {
                throw CliException.conflict(
                        exercise.path() + " is not in the package " + installed.name() + "@" + installed.version());
            }
            var restored = new ArrayList<String>();
            try (var files = Files.walk(source)) {
                for (var file : files.filter(Files::isRegularFile).sorted().toList()) {
                    var relative = source.relativize(file);
                    var target = exercise.dir().resolve(relative.toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    restored.add(relative.toString().replace('\\', '/'));
                }
            }
            cache.touch(artifact);
            return restored;
        } finally {
            FileTrees.delete(temp, false);
        }
    }
}
