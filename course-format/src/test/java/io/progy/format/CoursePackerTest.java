package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoursePackerTest {

    @TempDir
    Path tmp;

    private Path course;

    @BeforeEach
    void sampleCourse() throws IOException {
        course = tmp.resolve("java-intro");
        write("course.json", TestZip.VALID_MANIFEST);
        write("README.md", "# Java intro\n");
        write("content/01_basics/info.toml", "[[exercises]]\nname = \"hello\"\n");
        write("content/01_basics/01_hello/README.md", "Print hello.\n");
        write("content/01_basics/01_hello/Hello.java", "class Hello { public static void main(String[] a) {} }\n");
        write("content/02_loops/01_for/For.java", "class For {}\n");
        write("runner/run.sh", "#!/bin/sh\njava \"$1\"\n");
    }

    // ---- determinism ---------------------------------------------------------------------------------------------

    @Test
    void packingTwiceGivesTheSameBytes() throws IOException {
        var first = CoursePacker.pack(course, tmp.resolve("a.progy"));
        var second = CoursePacker.pack(course, tmp.resolve("b.progy"));

        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(Files.readAllBytes(second.archive())).isEqualTo(Files.readAllBytes(first.archive()));
    }

    @Test
    void timestampsAndPermissionsDoNotChangeTheBytes() throws IOException {
        var before = CoursePacker.pack(course, tmp.resolve("a.progy"));
        try (var files = Files.walk(course)) {
            for (var path : files.toList()) {
                Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2031-07-04T12:34:56Z")));
                if (Files.isRegularFile(path)) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
                }
            }
        }

        var after = CoursePacker.pack(course, tmp.resolve("b.progy"));

        assertThat(after.sha256()).isEqualTo(before.sha256());
    }

    @Test
    void aCopyElsewhereCreatedInAnotherOrderGivesTheSameBytes() throws IOException {
        var before = CoursePacker.pack(course, tmp.resolve("a.progy"));
        var copy = tmp.resolve("somewhere/else/entirely");
        var sources = new ArrayList<Path>();
        try (var files = Files.walk(course)) {
            files.filter(Files::isRegularFile).forEach(sources::add);
        }
        Collections.reverse(sources);
        for (var source : sources) {
            var destination = copy.resolve(course.relativize(source).toString());
            Files.createDirectories(destination.getParent());
            Files.copy(source, destination);
        }

        var after = CoursePacker.pack(copy, tmp.resolve("b.progy"));

        assertThat(after.sha256()).isEqualTo(before.sha256());
    }

    @Test
    void theTimeZoneDoesNotChangeTheBytes() throws IOException {
        var original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            var utc = CoursePacker.pack(course, tmp.resolve("a.progy"));
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            var plus14 = CoursePacker.pack(course, tmp.resolve("b.progy"));
            TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
            var minus330 = CoursePacker.pack(course, tmp.resolve("c.progy"));

            assertThat(plus14.sha256()).isEqualTo(utc.sha256());
            assertThat(minus330.sha256()).isEqualTo(utc.sha256());
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void changedContentGivesAnotherDigest() throws IOException {
        var before = CoursePacker.pack(course, tmp.resolve("a.progy"));
        write("content/02_loops/01_for/For.java", "class For { }\n");

        var after = CoursePacker.pack(course, tmp.resolve("b.progy"));

        assertThat(after.sha256()).isNotEqualTo(before.sha256());
    }

    @Test
    void writesSortedEntriesWithFixedMetadata() throws IOException {
        var result = CoursePacker.pack(course, tmp.resolve("course.progy"));

        try (var zip = ZipFile.builder().setPath(result.archive()).get()) {
            var entries = Collections.list(zip.getEntriesInPhysicalOrder());
            assertThat(entries)
                    .extracting(ZipArchiveEntry::getName)
                    .containsExactly(
                            "README.md",
                            "content/",
                            "content/01_basics/",
                            "content/01_basics/01_hello/",
                            "content/01_basics/01_hello/Hello.java",
                            "content/01_basics/01_hello/README.md",
                            "content/01_basics/info.toml",
                            "content/02_loops/",
                            "content/02_loops/01_for/",
                            "content/02_loops/01_for/For.java",
                            "course.json",
                            "runner/",
                            "runner/run.sh");
            for (var entry : entries) {
                assertThat(entry.getExtra()).as(entry.getName()).isNullOrEmpty();
                assertThat(entry.getCentralDirectoryExtra()).as(entry.getName()).isNullOrEmpty();
                assertThat(entry.getLastModifiedTime().toMillis())
                        .isEqualTo(LocalDateTime.of(1980, 2, 1, 0, 0)
                                .atZone(java.time.ZoneId.systemDefault())
                                .toInstant()
                                .toEpochMilli());
                assertThat(entry.getPlatform()).isEqualTo(ZipArchiveEntry.PLATFORM_UNIX);
                assertThat(entry.getUnixMode()).isEqualTo(entry.isDirectory() ? 040755 : 0100644);
                assertThat(entry.getMethod())
                        .isEqualTo(entry.isDirectory() ? ZipArchiveEntry.STORED : ZipArchiveEntry.DEFLATED);
                assertThat(entry.getComment()).isNullOrEmpty();
            }
        }
    }

    @Test
    void reportsDigestSizeAndFileCount() throws IOException {
        var result = CoursePacker.pack(course, tmp.resolve("out/course.progy"));

        assertThat(result.archive()).isEqualTo(tmp.resolve("out/course.progy"));
        assertThat(result.sha256()).isEqualTo(Sha256.of(result.archive())).hasSize(64);
        assertThat(result.size()).isEqualTo(Files.size(result.archive()));
        assertThat(result.fileCount()).isEqualTo(7);
        try (var files = Files.list(tmp.resolve("out"))) {
            assertThat(files).containsExactly(result.archive()); // no temp file left
        }
    }

    // ---- what is packed ------------------------------------------------------------------------------------------

    @Test
    void excludesToolDirectoriesAtAnyDepthSymlinksAndEarlierPacks() throws IOException {
        write(".git/HEAD", "ref: refs/heads/main\n");
        write("node_modules/x/index.js", "");
        write("target/classes/A.class", "");
        write(".progy/state.json", "{}");
        write("content/01_basics/.git/config", "");
        write("content/01_basics/node_modules/y.js", "");
        write("content/02_loops/target/Loop.class", "");
        write("content/02_loops/.progy/cache", "");
        write("java-intro-0.9.0.progy", "old pack");
        write(".gitignore", "target/\n");
        Files.createSymbolicLink(
                course.resolve("content/outside.txt"), Files.writeString(tmp.resolve("outside.txt"), "x"));
        Files.createSymbolicLink(course.resolve("content/loop"), course.resolve("content"));

        assertThat(CoursePacker.listFiles(course))
                .containsExactly(
                        ".gitignore",
                        "README.md",
                        "content/01_basics/01_hello/Hello.java",
                        "content/01_basics/01_hello/README.md",
                        "content/01_basics/info.toml",
                        "content/02_loops/01_for/For.java",
                        "course.json",
                        "runner/run.sh");
    }

    @Test
    void neverPacksTheOutputFileIntoItself() throws IOException {
        var first = CoursePacker.pack(course, course.resolve("out.zip"));
        var second = CoursePacker.pack(course, course.resolve("out.zip"));

        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(second.fileCount()).isEqualTo(7);
    }

    @Test
    void packsOnlyWhatTheFilesGlobsSelectPlusCourseJson() throws IOException {
        write("course.json", """
                {"name": "@alice/java-intro", "version": "1.0.0", "description": "d",
                 "files": ["content/**", "!content/**/README.md", "*.sh"]}
                """);
        write("notes/todo.txt", "private notes");

        assertThat(CoursePacker.listFiles(course))
                .containsExactly(
                        "content/01_basics/01_hello/Hello.java",
                        "content/01_basics/info.toml",
                        "content/02_loops/01_for/For.java",
                        "course.json",
                        "runner/run.sh");
    }

    @Test
    void writesTheContentDirectoryEvenWhenTheGlobsSkipEverythingInIt() throws IOException {
        write(
                "course.json",
                "{\"name\": \"@alice/java-intro\", \"version\": \"1.0.0\", \"description\": \"d\", \"files\": [\"/README.md\"]}");

        var result = CoursePacker.pack(course, tmp.resolve("c.progy"));

        assertThat(result.fileCount()).isEqualTo(2);
        assertThat(SafeUnpacker.inspect(result.archive(), UnpackLimits.DEFAULT).fileCount())
                .isEqualTo(2);
    }

    @Test
    void roundTripsThroughTheSafeUnpacker() throws IOException {
        var result = CoursePacker.pack(course, tmp.resolve("c.progy"));
        var target = tmp.resolve("unpacked");

        var info = SafeUnpacker.unpack(result.archive(), target, UnpackLimits.DEFAULT);

        assertThat(info.fileCount()).isEqualTo(result.fileCount());
        assertThat(tree(target)).isEqualTo(tree(course));
    }

    // ---- refusals ------------------------------------------------------------------------------------------------

    @Test
    void requiresCourseJson() throws IOException {
        Files.delete(course.resolve("course.json"));

        var error = catchThrowableOfType(
                () -> CoursePacker.pack(course, tmp.resolve("c.progy")), InvalidManifestException.class);

        assertThat(error.problems().get(0).message()).contains("no course.json");
        assertThat(tmp.resolve("c.progy")).doesNotExist();
    }

    @Test
    void requiresContent() throws IOException {
        Files.move(course.resolve("content"), course.resolve("lessons"));

        var error = catchThrowableOfType(
                () -> CoursePacker.pack(course, tmp.resolve("c.progy")), InvalidManifestException.class);

        assertThat(error.problems().get(0).field()).isEqualTo("content/");
        assertThat(tmp.resolve("c.progy")).doesNotExist();
    }

    @Test
    void validatesTheManifestFirst() throws IOException {
        write(
                "course.json",
                "{\"name\": \"@Alice/x\", \"version\": \"1\", \"runner\": {\"command\": \"make\"},"
                        + " \"runners\": [{\"id\": \"x\", \"command\": \"a && b\"}]}");

        var error = catchThrowableOfType(
                () -> CoursePacker.pack(course, tmp.resolve("c.progy")), InvalidManifestException.class);

        assertThat(error.problems())
                .extracting(ManifestProblem::field)
                .containsExactly("runner.command", "runners[0].command");
        assertThat(tmp.resolve("c.progy")).doesNotExist();
    }

    @Test
    void aCourseNotYetReadyToPublishStillPacks() throws IOException {
        write(
                "course.json",
                "{\"name\": \"Rust Test\", \"runners\": [{\"id\": \"local\", \"command\": \"sh"
                        + " check.sh\", \"args\": [\"{{exercise}}\"], \"cwd\": \".\"}]}");

        var result = CoursePacker.pack(course, tmp.resolve("c.progy"));

        assertThat(result.fileCount()).isPositive();
        // what the registry will say about it
        var refused = catchThrowableOfType(
                () -> SafeUnpacker.inspect(tmp.resolve("c.progy"), UnpackLimits.DEFAULT),
                InvalidManifestException.class);
        assertThat(refused.problems()).extracting(ManifestProblem::field).contains("name", "version", "description");
    }

    @Test
    void refusesFilesTheUnpackerWouldRefuse() throws IOException {
        write("content/A.txt", "upper");
        write("content/a.txt", "lower");

        var collision = catchThrowableOfType(
                () -> CoursePacker.pack(course, tmp.resolve("c.progy")), InvalidArchiveException.class);

        assertThat(collision.entry()).isEqualTo("content/a.txt");
        assertThat(collision.reason()).contains("case-insensitive");
        Files.delete(course.resolve("content/A.txt"));
        write("content/what?.md", "?");
        assertThatThrownBy(() -> CoursePacker.pack(course, tmp.resolve("c.progy")))
                .isInstanceOf(InvalidArchiveException.class)
                .hasMessageContaining("content/what?.md");
        assertThat(tmp.resolve("c.progy")).doesNotExist();
    }

    @Test
    void refusesAFileThatLooksLikeAZipBombAndLeavesNoTempFile() throws IOException {
        Files.createDirectories(course.resolve("content/data"));
        Files.write(course.resolve("content/data/zeros.bin"), new byte[4 << 20]);
        var output = tmp.resolve("out/c.progy");

        var error = catchThrowableOfType(() -> CoursePacker.pack(course, output), InvalidArchiveException.class);

        assertThat(error.entry()).isEqualTo("content/data/zeros.bin");
        try (var files = Files.list(output.getParent())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void packsIncompressibleLargeFiles() throws IOException {
        var data = new byte[3 << 20];
        new Random(1).nextBytes(data);
        Files.write(course.resolve("content/blob.bin"), data);

        var result = CoursePacker.pack(course, tmp.resolve("c.progy"));

        assertThat(result.size()).isGreaterThan(3 << 20);
        assertThat(SafeUnpacker.inspect(result.archive(), UnpackLimits.DEFAULT).totalBytes())
                .isGreaterThan(3 << 20);
    }

    private void write(String relative, String content) throws IOException {
        var path = course.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }

    /** Relative path to content, for comparing trees. */
    private static java.util.Map<String, String> tree(Path root) throws IOException {
        var tree = new java.util.TreeMap<String, String>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                tree.put(root.relativize(file).toString(), Files.readString(file));
                return FileVisitResult.CONTINUE;
            }
        });
        return tree;
    }

    @SuppressWarnings("unused")
    private static List<String> unused() {
        return List.of();
    }
}
