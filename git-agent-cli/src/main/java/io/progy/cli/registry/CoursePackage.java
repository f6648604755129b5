package io.progy.cli.registry;

import io.progy.cli.CliException;
import io.progy.cli.Output;
import io.progy.format.CourseManifest;
import io.progy.format.CourseName;
import io.progy.format.CoursePacker;
import io.progy.format.SafeUnpacker;
import io.progy.format.Sha256;
import io.progy.format.UnpackLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A packed course: what {@code pack} prints and {@code publish} uploads.
 *
 * @param name "@scope/slug" from the archive's own course.json (for a course not yet ready to publish, whatever
 *     name it has)
 * @param beforePublishing what course.json still needs before the course can be published, each saying what to
 *     write; empty when it is ready
 */
public record CoursePackage(
        Path archive,
        String name,
        String version,
        String sha256,
        long size,
        int fileCount,
        List<String> beforePublishing) {

    public CoursePackage {
        beforePublishing = List.copyOf(beforePublishing);
    }

    /** Size, file count and sha256, one per line, as {@code pack} and {@code publish --dry-run} show them. */
    public void printSummary(Output out) {
        out.println("  size:   " + Output.bytes(size) + " (" + size + " bytes)");
        out.println("  files:  " + fileCount);
        out.println("  sha256: " + sha256);
        if (!beforePublishing.isEmpty()) {
            out.warn("this course cannot be published yet; before publishing, in course.json:");
            beforePublishing.forEach(problem -> out.info("  " + problem));
        }
    }

    /** The JSON result of {@code pack} and {@code publish --dry-run}. */
    public Map<String, Object> toJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put("name", name);
        json.put("version", version);
        json.put("path", archive.toString());
        json.put("size", size);
        json.put("file_count", fileCount);
        json.put("sha256", sha256);
        json.put("before_publishing", beforePublishing);
        return json;
    }

    /** The file name {@code pack} writes by default: {@code <slug>-<version>.progy}. */
    public static String fileName(CourseManifest manifest) {
        var slug = manifest.hasCourseName() ? manifest.courseName().slug() : CourseName.suggestSlug(manifest.name());
        return slug + "-" + manifest.version() + ".progy";
    }

    /** Reads and validates {@code dir/course.json}; exit 2 with a clear message when there is none. */
    public static CourseManifest manifestOf(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw CliException.usage("not a directory: " + dir);
        }
        var courseJson = dir.resolve("course.json");
        if (!Files.isRegularFile(courseJson)) {
            throw CliException.usage("no course.json in " + dir + " (is it a course directory?)");
        }
        return CourseManifest.readLenient(courseJson);
    }

    /**
     * Packs {@code dir} deterministically into {@code output}, written under a temporary name and moved into
     * place, so an interrupted pack never leaves a truncated archive.
     */
    public static CoursePackage pack(Path dir, Path output) throws IOException {
        var manifest = manifestOf(dir);
        var parent = output.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        var temp = Files.createTempFile(parent, "." + output.getFileName(), ".tmp");
        try {
            var result = CoursePacker.pack(dir, temp);
            Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new CoursePackage(
                    output.toAbsolutePath(),
                    manifest.name(),
                    manifest.version(),
                    result.sha256(),
                    result.size(),
                    result.fileCount(),
                    manifest.publishProblems().stream().map(Object::toString).toList());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Validates an existing {@code .progy} file the way the server will (safe-unpack checks, course.json). */
    public static CoursePackage inspect(Path archive) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw CliException.usage("no such file: " + archive);
        }
        var info = SafeUnpacker.inspect(archive, UnpackLimits.DEFAULT);
        return new CoursePackage(
                archive.toAbsolutePath(),
                info.manifest().courseName().toString(),
                info.manifest().version(),
                Sha256.of(archive),
                Files.size(archive),
                info.fileCount(),
                List.of());
    }
}
