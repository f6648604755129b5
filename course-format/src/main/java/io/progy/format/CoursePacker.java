package io.progy.format;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Packs a course directory into a {@code .progy} archive, deterministically: the same files with the same content
 * give the same bytes and so the same SHA-256, whatever the file timestamps, permissions, directory location, file
 * system order or time zone.
 *
 * <p>The archive is a zip with entries sorted by path, each file's parent directories as explicit entries, every
 * timestamp 1980-02-01 00:00:00 (in the DOS fields; no extra timestamp fields), permissions 0644 for files and
 * 0755 for directories, no extra fields, no comment, UTF-8 names, and DEFLATE at level 6.
 *
 * <p>What is packed:
 *
 * <ul>
 *   <li>{@code course.json}, always; it is validated first ({@link InvalidManifestException}), as
 *       {@link CourseManifest#parseLenient(byte[])} does: a course may be packed before it has what publishing needs
 *       (its {@link CourseManifest#publishProblems()}), and such an archive is refused by the registry.
 *   <li>{@code content/} must exist; its directory entry is always written.
 *   <li>Never: directories named {@code .git}, {@code node_modules}, {@code target} or {@code .progy} at any depth,
 *       symbolic links (not followed), special files, and {@code *.progy} files (earlier packs).
 *   <li>When {@code files} is empty or absent: every other file. Otherwise the files its globs select.
 * </ul>
 *
 * <p>Glob semantics, close to {@code .gitignore}: paths are relative to the course root and use {@code /}.
 * {@code *} matches any characters except {@code /}, {@code ?} one such character, and a whole segment {@code **}
 * any number of directories ({@code content/**}, {@code **}{@code /*.md}, {@code a/**}{@code /b}). A pattern without
 * a {@code /} matches a name at any depth ({@code *.md}, {@code README.md}); a pattern with one is anchored at the
 * root ({@code content/intro.md}, {@code /LICENSE}). A pattern matching a directory includes everything under it
 * ({@code content}, {@code runner/}); a trailing {@code /} matches directories only. A leading {@code !} excludes what
 * it matches; the last matching pattern wins ({@code ["content/**", "!content/**}{@code /solution.*"]}). Other
 * characters, including {@code [ ] { }}, match themselves.
 *
 * <p>The packer also refuses what {@link SafeUnpacker} would refuse with {@link UnpackLimits#DEFAULT} (names that
 * are not portable, names that collide case-insensitively, too many entries, too many bytes, an over-compressible
 * file), with an {@link InvalidArchiveException} naming the file, so a packed course with a publishable manifest can always be published.
 */
public final class CoursePacker {

    private static final Set<String> EXCLUDED_DIRECTORIES = Set.of(".git", "node_modules", "target", ".progy");
    private static final String ARCHIVE_SUFFIX = ".progy";
    private static final String CONTENT = "content";
    private static final int FILE_MODE = 0100644;
    private static final int DIRECTORY_MODE = 040755;
    private static final int LEVEL = 6;

    private CoursePacker() {}

    /**
     * Packs {@code courseDir} into {@code outputFile}, replacing it atomically (written beside it first, then
     * moved). The output file is never packed into itself.
     *
     * @return the archive's path, SHA-256, size and file count
     * @throws InvalidManifestException if {@code course.json} is missing or invalid, or {@code content/} is missing
     * @throws InvalidArchiveException if a file would make an archive the unpacker refuses
     * @throws IOException if reading the course or writing the archive fails
     */
    public static PackResult pack(Path courseDir, Path outputFile) throws IOException {
        var root = requireCourse(courseDir);
        var output = outputFile.toAbsolutePath().normalize();
        var files = collect(root, CourseManifest.readLenient(root.resolve(CourseManifest.FILE_NAME)), output);
        var entries = plan(files);
        var parent = output.getParent();
        Files.createDirectories(parent);
        var temp = Files.createTempFile(parent, "." + output.getFileName(), ".tmp");
        try {
            write(root, entries, temp);
            Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new PackResult(outputFile, Sha256.of(output), Files.size(output), files.size());
    }

    /**
     * Lists what {@link #pack(Path, Path)} would pack: relative, {@code /}-separated file paths in archive order,
     * {@code course.json} included.
     *
     * @throws InvalidManifestException if {@code course.json} is missing or invalid, or {@code content/} is missing
     * @throws IOException if the directory cannot be read
     */
    public static List<String> listFiles(Path courseDir) throws IOException {
        var root = requireCourse(courseDir);
        return List.copyOf(collect(root, CourseManifest.readLenient(root.resolve(CourseManifest.FILE_NAME)), null)
                .keySet());
    }

    private static Path requireCourse(Path courseDir) throws IOException {
        var root = courseDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root.toString());
        }
        if (!Files.isRegularFile(root.resolve(CourseManifest.FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidManifestException(
                    ManifestProblem.DOCUMENT, "no course.json file in " + root + " (a course needs one at its root)");
        }
        if (!Files.isDirectory(root.resolve(CONTENT), LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidManifestException(
                    "content/", "a course needs a content/ directory next to course.json (missing in " + root + ")");
        }
        return root;
    }

    /** Relative path to absolute file, sorted by path. */
    private static TreeMap<String, Path> collect(Path root, CourseManifest manifest, Path exclude) throws IOException {
        var globs = manifest.files().isEmpty() ? null : FileGlobs.compile(manifest.files());
        var files = new TreeMap<String, Path>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root)
                                && EXCLUDED_DIRECTORIES.contains(
                                        dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!attrs.isRegularFile() || file.equals(exclude)) {
                    return FileVisitResult.CONTINUE;
                }
                var path = relative(root, file);
                if (path.equals(CourseManifest.FILE_NAME)
                        || (!path.endsWith(ARCHIVE_SUFFIX) && (globs == null || globs.includes(path)))) {
                    files.put(path, file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private static String relative(Path root, Path file) {
        var parts = new ArrayList<String>();
        for (var part : root.relativize(file)) {
            parts.add(part.toString());
        }
        return String.join("/", parts);
    }

    /**
     * Entry name to source file ({@code null} for a directory), sorted, checked against the unpacker's rules and
     * default limits.
     */
    private static TreeMap<String, Path> plan(TreeMap<String, Path> files) throws IOException {
        var entries = new TreeMap<String, Path>();
        entries.put(CONTENT + "/", null);
        for (var file : files.keySet()) {
            for (var slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
                entries.put(file.substring(0, slash + 1), null);
            }
        }
        entries.putAll(files);
        var limits = UnpackLimits.DEFAULT;
        var names = new EntryNames();
        long total = 0;
        var count = 0;
        for (Map.Entry<String, Path> entry : entries.entrySet()) {
            var name = entry.getKey();
            names.add(name, entry.getValue() == null);
            if (++count > limits.maxEntries()) {
                throw new InvalidArchiveException(
                        name, "the course has more than " + limits.maxEntries() + " files and directories");
            }
            if (entry.getValue() != null) {
                total += Files.size(entry.getValue());
                if (total > limits.maxTotalBytes()) {
                    throw new InvalidArchiveException(
                            name, "the course is larger than " + limits.maxTotalBytes() + " bytes");
                }
            }
        }
        return entries;
    }

    private static void write(Path root, TreeMap<String, Path> entries, Path target) throws IOException {
        // DOS timestamps are local time: pick the instant that is 1980-02-01 00:00 here, so the bytes do not depend
        // on the time zone.
        var time = LocalDateTime.of(1980, 2, 1, 0, 0)
                .atZone(ZoneId.systemDefault())
                .toInstant()
                .toEpochMilli();
        try (var zip = new ZipArchiveOutputStream(target)) {
            zip.setLevel(LEVEL);
            zip.setMethod(ZipArchiveOutputStream.DEFLATED);
            // Courses are far below 4 GiB (see UnpackLimits), so Zip64 extra fields are never needed.
            zip.setUseZip64(Zip64Mode.Never);
            for (var entry : entries.entrySet()) {
                var source = entry.getValue();
                var zipEntry = new ZipArchiveEntry(entry.getKey());
                zipEntry.setTime(time);
                if (source == null) {
                    zipEntry.setUnixMode(DIRECTORY_MODE);
                    zipEntry.setMethod(ZipArchiveEntry.STORED);
                    zipEntry.setSize(0);
                    zipEntry.setCrc(0);
                    zip.putArchiveEntry(zipEntry);
                } else {
                    zipEntry.setUnixMode(FILE_MODE);
                    zipEntry.setMethod(ZipArchiveEntry.DEFLATED);
                    zipEntry.setSize(Files.size(source));
                    zip.putArchiveEntry(zipEntry);
                    Files.copy(source, zip);
                }
                zip.closeArchiveEntry();
                if (source != null
                        && UnpackLimits.DEFAULT.ratioExceeded(zipEntry.getSize(), zipEntry.getCompressedSize())) {
                    throw new InvalidArchiveException(
                            entry.getKey(),
                            "compresses more than " + UnpackLimits.DEFAULT.maxRatio()
                                    + ":1, which the registry refuses as a possible zip bomb");
                }
            }
        }
    }
}
