package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafeUnpackerTest {

    private static final UnpackLimits SMALL = new UnpackLimits(10, 100_000, 100);

    @TempDir
    Path tmp;

    private Path archive;
    private Path work;
    private Path target;

    @BeforeEach
    void layout() throws IOException {
        archive = tmp.resolve("course.progy");
        work = Files.createDirectory(tmp.resolve("work"));
        target = work.resolve("course");
    }

    // ---- the happy path ----------------------------------------------------------------------------------------

    @Test
    void unpacksAValidCourse() throws IOException {
        TestZip.course().file("content/01_intro/Main.java", "class Main {}").write(archive);

        var info = SafeUnpacker.unpack(archive, target, UnpackLimits.DEFAULT);

        assertThat(info.manifest().name()).isEqualTo("@alice/java-intro");
        assertThat(info.fileCount()).isEqualTo(3);
        assertThat(info.totalBytes()).isEqualTo(TestZip.VALID_MANIFEST.length() + "# Hello\n".length() + 13);
        assertThat(target.resolve("content/01_intro/Main.java")).hasContent("class Main {}");
        assertThat(Files.readString(target.resolve("course.json"))).isEqualTo(TestZip.VALID_MANIFEST);
        assertThat(work).isDirectoryContaining(p -> p.equals(target));
        try (var children = Files.list(work)) {
            assertThat(children).containsExactly(target); // no temp dir left beside it
        }
    }

    @Test
    void inspectReadsWithoutWriting() throws IOException {
        TestZip.course().write(archive);

        var info = SafeUnpacker.inspect(archive, UnpackLimits.DEFAULT);

        assertThat(info.manifest().version()).isEqualTo("1.0.0");
        assertThat(info.fileCount()).isEqualTo(2);
        assertNothingWritten();
    }

    @Test
    void readHandsOverEveryFileWithItsContentAndWritesNothing() throws IOException {
        TestZip.course()
                .file("content/01_intro/Main.java", "class Main {}")
                .file("content/01_intro/empty.txt", "")
                .write(archive);
        var seen = new java.util.LinkedHashMap<String, String>();

        var info = SafeUnpacker.read(
                archive,
                UnpackLimits.DEFAULT,
                (name, content) -> seen.put(name, new String(content, StandardCharsets.UTF_8)));

        assertThat(info.fileCount()).isEqualTo(4);
        assertThat(seen)
                .containsEntry("content/01_intro/Main.java", "class Main {}")
                .containsEntry("content/01_intro/empty.txt", "")
                .containsEntry("course.json", TestZip.VALID_MANIFEST)
                .hasSize(4);
        assertThat(seen.keySet()).noneMatch(name -> name.endsWith("/"));
        assertNothingWritten();
    }

    @Test
    void readStopsAtTheFirstFileOverTheLimitsAfterHandingOverTheOnesBefore() throws IOException {
        TestZip.course()
                .file("content/a.txt", "a")
                .file("content/bomb.bin", new byte[64 << 20])
                .write(archive);
        var seen = new java.util.ArrayList<String>();

        var error = catchThrowableOfType(
                () -> SafeUnpacker.read(archive, UnpackLimits.DEFAULT, (name, content) -> seen.add(name)),
                InvalidArchiveException.class);

        assertThat(error.entry()).isEqualTo("content/bomb.bin");
        assertThat(seen).contains("content/a.txt").doesNotContain("content/bomb.bin");
    }

    @Test
    void unpacksIntoAnExistingEmptyDirectory() throws IOException {
        TestZip.course().write(archive);
        Files.createDirectory(target);

        SafeUnpacker.unpack(archive, target, UnpackLimits.DEFAULT);

        assertThat(target.resolve("content/01_intro/README.md")).exists();
    }

    @Test
    void createsMissingParentsOfTheTarget() throws IOException {
        TestZip.course().write(archive);
        var nested = work.resolve("a/b/course");

        SafeUnpacker.unpack(archive, nested, UnpackLimits.DEFAULT);

        assertThat(nested.resolve("course.json")).isRegularFile();
    }

    @Test
    void refusesANonEmptyTargetAndLeavesItAlone() throws IOException {
        TestZip.course().write(archive);
        Files.createDirectory(target);
        Files.writeString(target.resolve("mine.txt"), "keep me");

        assertThatThrownBy(() -> SafeUnpacker.unpack(archive, target, UnpackLimits.DEFAULT))
                .isInstanceOf(DirectoryNotEmptyException.class);
        try (var children = Files.list(target)) {
            assertThat(children).containsExactly(target.resolve("mine.txt"));
        }
        try (var children = Files.list(work)) {
            assertThat(children).containsExactly(target);
        }
    }

    @Test
    void unpacksWhatThePackerWrites() throws IOException {
        var course = Files.createDirectory(tmp.resolve("src"));
        Files.writeString(course.resolve("course.json"), TestZip.VALID_MANIFEST);
        Files.createDirectories(course.resolve("content/01_basics/01_hello"));
        Files.writeString(course.resolve("content/01_basics/01_hello/Hello.java"), "class Hello {}");
        CoursePacker.pack(course, archive);

        var info = SafeUnpacker.unpack(archive, target, UnpackLimits.DEFAULT);

        assertThat(info.fileCount()).isEqualTo(2);
        assertThat(target.resolve("content/01_basics/01_hello/Hello.java")).hasContent("class Hello {}");
    }

    // ---- hostile archives: every one must be refused, naming the entry, with nothing left behind ------------------

    static Stream<Arguments> hostileArchives() {
        return Stream.of(
                hostile("zip slip", TestZip.course().file("../x", "pwned"), "../x", "'..'"),
                hostile("nested zip slip", TestZip.course().file("a/../../x", "pwned"), "a/../../x", "'..'"),
                hostile("dot-dot directory", TestZip.course().dir("content/../../"), "content/../../", "'..'"),
                hostile("absolute path", TestZip.course().file("/etc/x", "pwned"), "/etc/x", "absolute path"),
                hostile("drive letter", TestZip.course().file("C:/x", "pwned"), "C:/x", "drive letter"),
                hostile("drive-relative", TestZip.course().file("C:x", "pwned"), "C:x", "drive letter"),
                hostile("backslash", TestZip.course().file("a\\..\\x", "pwned"), "a\\..\\x", "backslash"),
                hostile(
                        "symlink",
                        TestZip.course().symlink("content/link", "/etc/passwd"),
                        "content/link",
                        "symbolic link"),
                hostile(
                        "symlink dir then file through it",
                        TestZip.course().symlink("content/up", "../..").file("content/up/x", "pwned"),
                        "content/up",
                        "symbolic link"),
                hostile(
                        "fifo",
                        TestZip.course().file("content/pipe", "").stored().mode(0010644),
                        "content/pipe",
                        "special files"),
                hostile(
                        "duplicate entry",
                        TestZip.course().file("content/a.txt", "one").file("content/a.txt", "two"),
                        "content/a.txt",
                        "duplicate entry"),
                hostile(
                        "duplicate course.json",
                        TestZip.course().file("course.json", "{}"),
                        "course.json",
                        "duplicate entry"),
                hostile(
                        "case collision",
                        TestZip.course().file("content/A.txt", "upper").file("content/a.txt", "lower"),
                        "content/a.txt",
                        "case-insensitive"),
                hostile(
                        "case collision of directories",
                        TestZip.course().file("Content/x.txt", "x"),
                        "Content/x.txt",
                        "case-insensitive"),
                hostile(
                        "unicode normalization collision",
                        TestZip.course().file("content/caf\u00e9.md", "nfc").file("content/cafe\u0301.md", "nfd"),
                        "content/cafe\u0301.md",
                        "case-insensitive"),
                hostile(
                        "file used as a directory",
                        TestZip.course().file("content/x", "file").file("content/x/y", "child"),
                        "content/x/y",
                        "is a file"),
                hostile("empty name", TestZip.course().file("", "nameless"), "", "empty entry name"),
                hostile("NUL in name", TestZip.course().file("content/a\0.txt", "x"), "content/a\0.txt", "NUL"),
                hostile(
                        "newline in name",
                        TestZip.course().file("content/a\nINVALID.txt", "x"),
                        "content/a\nINVALID.txt",
                        "control character"),
                hostile("double slash", TestZip.course().file("content//x", "x"), "content//x", "empty path segment"),
                hostile(
                        "windows device name",
                        TestZip.course().file("content/con.txt", "x"),
                        "content/con.txt",
                        "reserved device name"),
                hostile(
                        "trailing dot",
                        TestZip.course().file("content/notes.", "x"),
                        "content/notes.",
                        "ends with '.'"),
                hostile(
                        "course.json as a directory",
                        TestZip.empty()
                                .dir("course.json/")
                                .file("course.json/x", TestZip.VALID_MANIFEST)
                                .file("content/a.md", "a"),
                        "course.json/",
                        "must be a file"),
                hostile(
                        "missing course.json",
                        TestZip.empty().dir("content/").file("content/a.md", "a"),
                        "course.json",
                        "missing course.json"),
                hostile(
                        "course.json nested one level down",
                        TestZip.empty()
                                .file("java-intro/course.json", TestZip.VALID_MANIFEST)
                                .file("java-intro/content/a.md", "a"),
                        "course.json",
                        "found java-intro/course.json"),
                hostile(
                        "missing content/",
                        TestZip.empty()
                                .file("course.json", TestZip.VALID_MANIFEST)
                                .file("README.md", "hi"),
                        "content/",
                        "missing content/"),
                hostile(
                        "content as a file",
                        TestZip.empty()
                                .file("course.json", TestZip.VALID_MANIFEST)
                                .file("content", "not a dir"),
                        "content/",
                        "missing content/"),
                hostile(
                        "lying size header",
                        TestZip.course()
                                .file("content/big.txt", "x".repeat(10_000))
                                .declaredSize(10),
                        "content/big.txt",
                        "declares 10"),
                hostile(
                        "overlapping entries share one data block",
                        TestZip.course()
                                .file("content/a.txt", "shared")
                                .file("content/b.txt", "")
                                .sameDataAs(3),
                        "content/b.txt",
                        "overlaps"),
                hostile(
                        "directory mode without trailing slash",
                        TestZip.course().file("content/d", "").stored().mode(040755),
                        "content/d",
                        "trailing '/'"));
    }

    private static Arguments hostile(String label, TestZip zip, String entry, String reason) {
        return Arguments.of(label, zip, entry, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileArchives")
    void refusesHostileArchive(String label, TestZip zip, String entry, String reason) throws IOException {
        zip.write(archive);

        assertRejected(UnpackLimits.DEFAULT, entry, reason);
    }

    @Test
    void refusesBackslashNamesFromDosArchivesToo() throws IOException {
        // For MS-DOS archives without any '/', commons-compress reads '\' as the separator: still refused.
        TestZip.course().file("a\\..\\..\\x", "pwned").fat().write(archive);

        var error = catchThrowableOfType(
                () -> SafeUnpacker.unpack(archive, target, UnpackLimits.DEFAULT), InvalidArchiveException.class);

        assertThat(error.entry()).isIn("a\\..\\..\\x", "a/../../x");
        assertNothingWritten();
    }

    @Test
    void refusesAZipBombByRatioWithTheDefaultLimits() throws IOException {
        // 64 MiB of zeros deflates to ~64 KiB (1000:1); inflation must stop just past 1 MiB.
        TestZip.course().file("content/bomb.bin", new byte[64 << 20]).write(archive);
        assertThat(Files.size(archive)).isLessThan(200_000);

        assertRejected(UnpackLimits.DEFAULT, "content/bomb.bin", "100 times its compressed size");
    }

    @Test
    void allowsHighlyCompressibleSmallFiles() throws IOException {
        // Below the 1 MiB threshold a high ratio does no harm: an empty file or a page of spaces is fine.
        TestZip.course()
                .file("content/empty.txt", "")
                .file("content/spaces.txt", " ".repeat(500_000))
                .write(archive);

        assertThat(SafeUnpacker.unpack(archive, target, UnpackLimits.DEFAULT).fileCount())
                .isEqualTo(4);
    }

    @Test
    void refusesMoreThanTheTotalInflatedBytes() throws IOException {
        var random = new Random(42);
        var zip = TestZip.course();
        for (var i = 0; i < 3; i++) {
            var data = new byte[40_000];
            random.nextBytes(data);
            zip.file("content/data" + i + ".bin", data);
        }
        zip.write(archive);

        assertRejected(SMALL, "content/data2.bin", "more than 100000 bytes");
    }

    @Test
    void countsRealBytesNotDeclaredSizes() throws IOException {
        // Headers claim 1 byte each; the limit must still trip on what actually inflates.
        var zip = TestZip.course();
        for (var i = 0; i < 3; i++) {
            zip.file("content/liar" + i + ".txt", "y".repeat(120_000)).declaredSize(1);
        }
        zip.write(archive);

        assertRejected(SMALL, "content/liar0.txt", "more than 100000 bytes");
    }

    @Test
    void refusesMoreEntriesThanTheLimit() throws IOException {
        var zip = TestZip.course();
        for (var i = 0; i < 20; i++) {
            zip.file("content/f" + i + ".txt", "x");
        }
        zip.write(archive);

        assertRejected(SMALL, "content/f7.txt", "more than 10 entries");
    }

    @Test
    void refuses30000EntriesWithTheDefaultLimits() throws IOException {
        try (var zip = new ZipArchiveOutputStream(archive)) {
            zip.setMethod(ZipArchiveOutputStream.STORED);
            add(zip, "course.json", TestZip.VALID_MANIFEST.getBytes(StandardCharsets.UTF_8));
            for (var i = 0; i < 30_000; i++) {
                add(zip, String.format("content/f%05d.txt", i), new byte[0]);
            }
        }

        assertRejected(UnpackLimits.DEFAULT, "content/f19999.txt", "more than 20000 entries");
    }

    @Test
    void accepts20000EntriesWithTheDefaultLimits() throws IOException {
        try (var zip = new ZipArchiveOutputStream(archive)) {
            zip.setMethod(ZipArchiveOutputStream.STORED);
            add(zip, "course.json", TestZip.VALID_MANIFEST.getBytes(StandardCharsets.UTF_8));
            for (var i = 0; i < 19_999; i++) {
                add(zip, String.format("content/f%05d.txt", i), new byte[0]);
            }
        }

        assertThat(SafeUnpacker.inspect(archive, UnpackLimits.DEFAULT).fileCount())
                .isEqualTo(20_000);
    }

    @Test
    void refusesSomethingThatIsNotAZip() throws IOException {
        Files.writeString(archive, "this is not a zip archive, just text\n".repeat(10));

        assertRejected(UnpackLimits.DEFAULT, null, "not a zip archive");
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        Files.write(archive, new byte[0]);

        assertRejected(UnpackLimits.DEFAULT, null, "not a zip archive");
    }

    @Test
    void refusesATruncatedZip() throws IOException {
        TestZip.course().write(archive);
        var bytes = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertRejected(UnpackLimits.DEFAULT, null, "not a zip archive");
    }

    @Test
    void refusesCorruptEntryData() throws IOException {
        TestZip.course().file("content/data.txt", "some text that deflates").write(archive);
        var bytes = Files.readAllBytes(archive);
        var at = indexOf(bytes, "content/data.txt".getBytes(StandardCharsets.UTF_8)) + 16;
        for (var i = 0; i < 8; i++) {
            bytes[at + i] ^= (byte) 0x5a;
        }
        Files.write(archive, bytes);

        var error = catchThrowableOfType(
                () -> SafeUnpacker.unpack(archive, target, UnpackLimits.DEFAULT), InvalidArchiveException.class);

        assertThat(error.entry()).isEqualTo("content/data.txt");
        assertNothingWritten();
    }

    @Test
    void refusesAnInvalidManifestInsideWithAllItsProblems() throws IOException {
        TestZip.empty()
                .file("course.json", "{\"name\": \"Bad Name\", \"version\": \"1.0\"}")
                .dir("content/")
                .write(archive);

        var error = catchThrowableOfType(
                () -> SafeUnpacker.unpack(archive, target, UnpackLimits.DEFAULT), InvalidManifestException.class);

        assertThat(error.problems())
                .extracting(ManifestProblem::field)
                .containsExactly("name", "version", "description");
        assertNothingWritten();
        assertThatThrownBy(() -> SafeUnpacker.inspect(archive, UnpackLimits.DEFAULT))
                .isInstanceOf(InvalidManifestException.class);
    }

    @Test
    void refusesAnUnparseableManifestInside() throws IOException {
        TestZip.empty().file("course.json", "{\"name\": ").dir("content/").write(archive);

        var error = catchThrowableOfType(
                () -> SafeUnpacker.unpack(archive, target, UnpackLimits.DEFAULT), InvalidManifestException.class);

        assertThat(error.problems()).singleElement().satisfies(p -> assertThat(p.field())
                .isEqualTo("(document)"));
        assertNothingWritten();
    }

    @Test
    void refusesAHugeManifest() throws IOException {
        TestZip.empty()
                .file("course.json", "{\"pad\": \"" + "x".repeat(2 << 20) + "\"}")
                .dir("content/")
                .write(archive);

        assertRejected(UnpackLimits.DEFAULT, "course.json", "course.json is larger than 1048576 bytes");
    }

    @Test
    void leavesNoParentDirectoriesBehindOnFailure() throws IOException {
        TestZip.course().file("content/a.txt", "x".repeat(200_000)).write(archive);
        var nested = work.resolve("x/y/course");

        assertThatThrownBy(() -> SafeUnpacker.unpack(archive, nested, SMALL))
                .isInstanceOf(InvalidArchiveException.class);

        try (var children = Files.list(work)) {
            assertThat(children).isEmpty();
        }
    }

    @Test
    void failingMidwayRemovesWhatWasAlreadyWritten() throws IOException {
        // The first files are fine and get written to the temp dir; the last one breaks the total limit.
        var zip = TestZip.course();
        zip.file("content/ok.txt", "fine");
        var random = new Random(7);
        var data = new byte[150_000];
        random.nextBytes(data);
        zip.file("content/zzz.bin", data);
        zip.write(archive);

        assertRejected(SMALL, "content/zzz.bin", "more than 100000 bytes");
    }

    @Test
    void exceptionMessageFollowsTheContract() {
        var error = new InvalidArchiveException("content/a\0b", "NUL character in entry name");

        assertThat(error.getMessage()).isEqualTo("INVALID_ARCHIVE: content/a\\u0000b: NUL character in entry name");
        assertThat(error.entry()).isEqualTo("content/a\0b");
        assertThat(error.code()).isEqualTo("INVALID_ARCHIVE");
        assertThat(new InvalidArchiveException(null, "not a zip archive").getMessage())
                .isEqualTo("INVALID_ARCHIVE: not a zip archive");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Both inspect and unpack refuse the archive for the same entry and reason, and nothing is written. */
    private void assertRejected(UnpackLimits limits, String entry, String reason) {
        var inspected =
                catchThrowableOfType(() -> SafeUnpacker.inspect(archive, limits), InvalidArchiveException.class);
        assertThat(inspected).as("inspect").isNotNull();
        assertThat(inspected.entry()).isEqualTo(entry);
        assertThat(inspected.reason()).contains(reason);

        var read = catchThrowableOfType(
                () -> SafeUnpacker.read(archive, limits, (name, content) -> {}), InvalidArchiveException.class);
        assertThat(read).as("read").isNotNull();
        assertThat(read.entry()).isEqualTo(entry);
        assertThat(read.reason()).contains(reason);

        var unpacked =
                catchThrowableOfType(() -> SafeUnpacker.unpack(archive, target, limits), InvalidArchiveException.class);
        assertThat(unpacked).as("unpack").isNotNull();
        assertThat(unpacked.entry()).isEqualTo(entry);
        assertThat(unpacked.reason()).contains(reason);
        assertThat(unpacked.getMessage()).startsWith("INVALID_ARCHIVE: ");
        if (entry != null) {
            assertThat(unpacked.getMessage()).contains(InvalidArchiveException.printable(entry));
        }
        assertNothingWritten();
    }

    /** The temp dir holds only the archive and the empty work dir: no target, no temp dirs, nothing outside. */
    private void assertNothingWritten() {
        assertThat(target).doesNotExist();
        try (var all = Files.walk(tmp)) {
            assertThat(all.map(tmp::relativize).map(Path::toString).toList())
                    .containsExactlyInAnyOrder("", "course.progy", "work");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void add(ZipArchiveOutputStream zip, String name, byte[] data) throws IOException {
        var entry = new ZipArchiveEntry(name);
        entry.setSize(data.length);
        var crc = new java.util.zip.CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        zip.putArchiveEntry(entry);
        zip.write(data);
        zip.closeArchiveEntry();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (var i = 0; i <= haystack.length - needle.length; i++) {
            for (var j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }

    @SuppressWarnings("unused")
    private static List<String> names(Path dir) throws IOException {
        try (var all = Files.walk(dir)) {
            return all.map(dir::relativize).map(Path::toString).sorted().toList();
        }
    }
}
