package io.progy.cli;

import io.progy.format.CourseManifest;
import io.progy.format.CoursePacker;
import io.progy.format.SafeUnpacker;
import io.progy.format.UnpackLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A student's workspace as {@code progy init} leaves it, without a server: the course packed into the download
 * cache of {@code home}, unpacked safely into the target, and {@code progy.toml} naming the package.
 */
public final class Workspaces {
    private Workspaces() {}

    /** The sample course of the repository. */
    public static final Path JAVA_INTRO =
            Path.of("..", "courses", "java-intro").toAbsolutePath().normalize();
    /** Its solutions, per exercise id. */
    public static final Path JAVA_INTRO_SOLUTIONS =
            Path.of("..", "courses", "java-intro-solutions").toAbsolutePath().normalize();

    /** Installs {@code source} (a course directory) into {@code target} as if {@code progy init} had. */
    public static Path install(Path source, Path home, Path target) throws IOException {
        var manifest = CourseManifest.read(source.resolve(CourseManifest.FILE_NAME));
        var name = manifest.courseName();
        var artifact = home.resolve(
                "cache/registry/@" + name.scope() + "/" + name.slug() + "/" + manifest.version() + ".progy");
        Files.createDirectories(artifact.getParent());
        var packed = CoursePacker.pack(source, artifact);
        SafeUnpacker.unpack(artifact, target, UnpackLimits.DEFAULT);
        Files.writeString(
                target.resolve("progy.toml"),
                """
                course = "%s"
                version = "%s"
                sha256 = "%s"
                server = "http://127.0.0.1:9"
                repo_url = ""
                """.formatted(name, manifest.version(), packed.sha256()),
                StandardCharsets.UTF_8);
        return target;
    }

    /**
     * A copy of the sample course with a longer check timeout (a cold JVM compiling a check on a loaded 2-core
     * machine can take most of the course's own 10 s).
     */
    public static Path javaIntroCopy(Path dir) throws IOException {
        copyTree(JAVA_INTRO, dir);
        var manifest = dir.resolve(CourseManifest.FILE_NAME);
        Files.writeString(
                manifest,
                Files.readString(manifest).replace("\"timeout_seconds\": 10", "\"timeout_seconds\": 90"),
                StandardCharsets.UTF_8);
        return dir;
    }

    /** Copies the directory tree {@code from} into {@code to} (created as needed; files there are replaced). */
    public static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (var file : files.toList()) {
                var target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Copies the sample solution of {@code exerciseId} into the workspace. */
    public static void solve(Path workspace, String exerciseId) throws IOException {
        Files.copy(
                JAVA_INTRO_SOLUTIONS.resolve(exerciseId).resolve("Exercise.java"),
                workspace.resolve("content").resolve(exerciseId).resolve("Exercise.java"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
