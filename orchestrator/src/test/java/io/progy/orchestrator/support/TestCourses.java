package io.progy.orchestrator.support;

import io.progy.format.CoursePacker;
import io.progy.format.PackResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds course trees and {@code .progy} archives (good and bad) for the tests. */
public final class TestCourses {

    private final Path workDir;

    public TestCourses(Path workDir) {
        this.workDir = workDir;
    }

    /** Packs a small valid course with {@link CoursePacker}. */
    public PackResult pack(String name, String version) throws IOException {
        return pack(name, version, "A small course for tests", List.of("testing"));
    }

    public PackResult pack(String name, String version, String description, List<String> keywords) throws IOException {
        return pack(name, version, description, keywords, null);
    }

    /** As {@link #pack(String, String, String, List)}, with a {@code README.md} at the root when not null. */
    public PackResult pack(String name, String version, String description, List<String> keywords, String readme)
            throws IOException {
        Path dir = workDir.resolve("course-" + UUID.randomUUID());
        if (readme != null) {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("README.md"), readme);
        }
        Files.createDirectories(dir.resolve("content/01_basics/01_hello"));
        Files.writeString(dir.resolve("course.json"), manifest(name, version, description, keywords));
        Files.writeString(
                dir.resolve("content/01_basics/info.toml"), "[[exercises]]\nname = \"hello\"\ndir = \"01_hello\"\n");
        Files.writeString(dir.resolve("content/01_basics/01_hello/README.md"), "# Hello\n\nPrint hello.\n");
        Files.writeString(
                dir.resolve("content/01_basics/01_hello/Hello.java"),
                "class Hello { public static void main(String[] a) { System.out.println(\"" + version + "\"); } }\n");
        return CoursePacker.pack(dir, workDir.resolve(UUID.randomUUID() + ".progy"));
    }

    public static String manifest(String name, String version, String description, List<String> keywords) {
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"name\": \"").append(name).append("\",\n");
        json.append("  \"version\": \"").append(version).append("\",\n");
        json.append("  \"description\": \"").append(description).append("\",\n");
        json.append("  \"keywords\": [");
        for (int i = 0; i < keywords.size(); i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(keywords.get(i)).append('"');
        }
        json.append("],\n  \"license\": \"MIT\"\n}\n");
        return json.toString();
    }

    /** A zip written by hand, for archives {@link CoursePacker} would refuse to make. */
    public Path zip(Map<String, String> entries) throws IOException {
        Path file = workDir.resolve(UUID.randomUUID() + ".progy");
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                if (!entry.getKey().endsWith("/")) {
                    zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                }
                zip.closeEntry();
            }
        }
        return file;
    }

    /** A course archive whose course.json is invalid in two fields at once. */
    public Path badManifestArchive() throws IOException {
        return zip(Map.of(
                "course.json", "{\"name\": \"Not A Name\", \"version\": \"v1\", \"description\": \"x\"}",
                "content/", "",
                "content/01/README.md", "# hi\n"));
    }

    /** A zip-slip archive: an entry that climbs out of the target directory. */
    public Path zipSlipArchive(String name) throws IOException {
        return zip(Map.of(
                "course.json", manifest(name, "1.0.0", "evil", List.of()),
                "content/01/README.md", "# hi\n",
                "../../evil.sh", "rm -rf /\n"));
    }

    /** Bytes that are not a zip at all. */
    public Path notAZip() throws IOException {
        Path file = workDir.resolve(UUID.randomUUID() + ".progy");
        Files.writeString(file, "this is not a zip archive");
        return file;
    }

    /** A file of {@code size} random-ish bytes. */
    public Path blob(long size) throws IOException {
        Path file = workDir.resolve(UUID.randomUUID() + ".bin");
        byte[] chunk = new byte[64 * 1024];
        new java.util.Random(42).nextBytes(chunk);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
        return file;
    }
}
