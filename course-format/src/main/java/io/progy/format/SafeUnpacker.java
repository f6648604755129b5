package io.progy.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Reads untrusted {@code .progy} archives safely; used by the registry when a course is published and by the
 * command line when a course is installed.
 *
 * <p>Every entry is checked before anything is written. An archive is refused with an {@link InvalidArchiveException}
 * naming the entry when it has:
 *
 * <ul>
 *   <li>an unsafe or non-portable name: empty, absolute ({@code /etc/x}), a drive letter ({@code C:/x}), a
 *       {@code ..} or {@code .} segment, a backslash, a NUL or other control character, {@code :} or one of
 *       {@code < > " | ? *}, a segment ending in {@code .} or a space, a Windows device name ({@code con.txt});
 *   <li>a symbolic link, device, FIFO or socket (by the entry's Unix mode), or an encrypted entry, or a compression
 *       method other than STORED and DEFLATED;
 *   <li>a duplicate name, two names that collide on a case-insensitive file system ({@code A.txt}, {@code a.txt}), or
 *       a name used both as a file and a directory;
 *   <li>more than {@link UnpackLimits#maxEntries()} entries;
 *   <li>entries whose data overlap (one compressed stream reused by many entries);
 *   <li>more than {@link UnpackLimits#maxTotalBytes()} inflated bytes in all, counted while inflating (headers are
 *       not trusted), or an entry inflating past {@link UnpackLimits#maxRatio()} times its compressed size (checked
 *       once it passes {@link UnpackLimits#RATIO_CHECK_THRESHOLD}); inflation stops as soon as a limit is crossed;
 *   <li>data that does not match its declared size or CRC;
 *   <li>no {@code course.json} file or no {@code content/} directory at the root.
 * </ul>
 *
 * A file that is not a zip at all is refused with the reason {@code not a zip archive}. The archive's
 * {@code course.json} is validated too ({@link InvalidManifestException}).
 */
public final class SafeUnpacker {

    /** The largest {@code course.json} accepted inside an archive. */
    public static final int MAX_MANIFEST_BYTES = 1 << 20;

    private static final String CONTENT = "content";
    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR_FILE = 0100000;
    private static final int DIRECTORY = 040000;
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    private SafeUnpacker() {}

    /**
     * Validates an archive completely, inflating every entry without writing anything.
     *
     * @return the archive's manifest, file count and inflated size
     * @throws InvalidArchiveException if the archive is unsafe or malformed
     * @throws InvalidManifestException if its {@code course.json} is invalid
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ArchiveInfo inspect(Path archive, UnpackLimits limits) {
        try (var zip = open(archive, limits)) {
            var entries = checkEntries(zip, limits);
            var manifest = readManifest(zip);
            var total = inflateAll(zip, entries, limits, entry -> OutputStream.nullOutputStream());
            return new ArchiveInfo(manifest, fileCount(entries), total);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + archive + ": " + e.getMessage(), e);
        }
    }

    /**
     * Validates and unpacks an archive into {@code target}. Entries are written into a fresh temporary directory
     * beside the target, which is then moved into place; on any failure the temporary directory (and any parent
     * directory this call created) is removed, so nothing is left behind and nothing is ever written outside the
     * target.
     *
     * @param target a directory that must not exist yet, or be empty
     * @return the archive's manifest, file count and inflated size
     * @throws InvalidArchiveException if the archive is unsafe or malformed
     * @throws InvalidManifestException if its {@code course.json} is invalid
     * @throws FileAlreadyExistsException if the target exists and is not a directory
     * @throws DirectoryNotEmptyException if the target is a non-empty directory
     * @throws IOException if reading the archive or writing the files fails
     */
    public static ArchiveInfo unpack(Path archive, Path target, UnpackLimits limits) throws IOException {
        var destination = target.toAbsolutePath().normalize();
        requireEmptyTarget(destination);
        try (var zip = open(archive, limits)) {
            var entries = checkEntries(zip, limits);
            var manifest = readManifest(zip);
            var createdParents = createParents(destination.getParent());
            Path temp = null;
            try {
                temp = Files.createTempDirectory(destination.getParent(), "." + destination.getFileName() + ".unpack-");
                setDirectoryPermissions(temp);
                var root = temp;
                var total = inflateAll(zip, entries, limits, entry -> open(root, entry));
                requireEmptyTarget(destination);
                move(temp, destination);
                return new ArchiveInfo(manifest, fileCount(entries), total);
            } catch (IOException | RuntimeException | Error e) {
                cleanUp(temp, createdParents, e);
                throw e;
            }
        }
    }

    /** Receives the files of an archive read by {@link #read}. */
    @FunctionalInterface
    public interface FileVisitor {
        /**
         * One regular file.
         *
         * @param name its path inside the archive ({@code content/01_basics/01_hello/Main.java}), checked by the
         *     same rules as {@link #unpack}
         * @param content its inflated bytes, checked against the declared size and CRC
         */
        void file(String name, byte[] content) throws IOException;
    }

    /**
     * Validates an archive and hands each of its files to {@code visitor}, in the archive's order, writing
     * nothing. For callers that place only some files, or need the files' content (to record them in a
     * repository), without unpacking into a scratch directory first. Names, types and layout are checked before
     * the first file is handed over; the size limits and each file's CRC while inflating, so on an exception the
     * visitor may have seen some files already and the caller removes what it made of them.
     *
     * @return the archive's manifest, file count and inflated size
     * @throws InvalidArchiveException if the archive is unsafe or malformed
     * @throws InvalidManifestException if its {@code course.json} is invalid
     * @throws IOException if reading the archive fails, or as thrown by the visitor
     */
    public static ArchiveInfo read(Path archive, UnpackLimits limits, FileVisitor visitor) throws IOException {
        try (var zip = open(archive, limits)) {
            var entries = checkEntries(zip, limits);
            var manifest = readManifest(zip);
            long total = 0;
            for (var entry : entries) {
                if (entry.isDirectory()) {
                    continue;
                }
                var bytes = new ByteArrayOutputStream((int) Math.min(Math.max(entry.getSize(), 0), 1 << 20));
                total = inflate(zip, entry, limits, total, bytes);
                visitor.file(EntryNames.stripSlash(entry.getName()), bytes.toByteArray());
            }
            return new ArchiveInfo(manifest, fileCount(entries), total);
        }
    }

    private static ZipFile open(Path archive, UnpackLimits limits) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new NoSuchFileException(archive.toString(), null, "no such archive file");
        }
        var overLimit = CentralDirectory.firstEntryOverLimit(archive, limits.maxEntries());
        if (overLimit.isPresent()) {
            throw tooManyEntries(overLimit.get(), limits);
        }
        try {
            return ZipFile.builder().setPath(archive).get();
        } catch (IOException | RuntimeException e) {
            throw new InvalidArchiveException(null, "not a zip archive", e);
        }
    }

    private static InvalidArchiveException tooManyEntries(String entry, UnpackLimits limits) {
        return new InvalidArchiveException(
                entry, "archive has more than " + limits.maxEntries() + " entries (the limit)");
    }

    /** Checks names, types, counts and layout, without inflating anything; returns the entries in file order. */
    private static List<ZipArchiveEntry> checkEntries(ZipFile zip, UnpackLimits limits) {
        var entries = Collections.list(zip.getEntriesInPhysicalOrder());
        if (entries.size() > limits.maxEntries()) {
            throw tooManyEntries(entries.get(limits.maxEntries()).getName(), limits);
        }
        var names = new EntryNames();
        for (var entry : entries) {
            var name = entry.getName();
            EntryNames.problem(name).ifPresent(p -> {
                throw new InvalidArchiveException(name, p);
            });
            checkType(zip, entry);
            names.add(name, entry.isDirectory());
        }
        checkOverlaps(entries);
        if (!names.hasFile(CourseManifest.FILE_NAME)) {
            throw new InvalidArchiveException(
                    names.hasDirectory(CourseManifest.FILE_NAME)
                            ? CourseManifest.FILE_NAME + "/"
                            : CourseManifest.FILE_NAME,
                    names.hasDirectory(CourseManifest.FILE_NAME)
                            ? "course.json must be a file at the archive root, not a directory"
                            : "missing course.json at the archive root" + nestedHint(entries));
        }
        if (!names.hasDirectory(CONTENT)) {
            throw new InvalidArchiveException(CONTENT + "/", "missing content/ directory at the archive root");
        }
        return entries;
    }

    private static void checkType(ZipFile zip, ZipArchiveEntry entry) {
        var name = entry.getName();
        if (entry.isUnixSymlink()) {
            throw new InvalidArchiveException(name, "symbolic links are not allowed");
        }
        if (entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX) {
            var type = entry.getUnixMode() & TYPE_MASK;
            if (type != 0 && type != REGULAR_FILE && type != DIRECTORY) {
                throw new InvalidArchiveException(name, "special files (devices, FIFOs, sockets) are not allowed");
            }
            if (type == DIRECTORY && !entry.isDirectory()) {
                throw new InvalidArchiveException(name, "directory entry without a trailing '/'");
            }
        }
        if (entry.getGeneralPurposeBit().usesEncryption()) {
            throw new InvalidArchiveException(name, "encrypted entries are not supported");
        }
        if (entry.getMethod() != ZipArchiveEntry.STORED && entry.getMethod() != ZipArchiveEntry.DEFLATED) {
            throw new InvalidArchiveException(
                    name, "unsupported compression method " + entry.getMethod() + " (only STORED and DEFLATED)");
        }
        if (!zip.canReadEntryData(entry)) {
            throw new InvalidArchiveException(name, "entry data cannot be read");
        }
        if (entry.isDirectory() && entry.getCompressedSize() > 0 && entry.getMethod() == ZipArchiveEntry.STORED) {
            throw new InvalidArchiveException(name, "directory entry with data");
        }
    }

    /** Overlapping entries let a tiny archive inflate to a huge one (one compressed kernel, many names). */
    private static void checkOverlaps(List<ZipArchiveEntry> entries) {
        var withData = new ArrayList<ZipArchiveEntry>();
        for (var entry : entries) {
            if (entry.getCompressedSize() > 0) {
                withData.add(entry);
            }
        }
        withData.sort(Comparator.comparingLong(ZipArchiveEntry::getDataOffset));
        for (var i = 1; i < withData.size(); i++) {
            var previous = withData.get(i - 1);
            var entry = withData.get(i);
            if (entry.getDataOffset() < previous.getDataOffset() + previous.getCompressedSize()) {
                throw new InvalidArchiveException(
                        entry.getName(),
                        "data overlaps entry '" + InvalidArchiveException.printable(previous.getName())
                                + "' (possible zip bomb)");
            }
        }
    }

    private static String nestedHint(List<ZipArchiveEntry> entries) {
        for (var entry : entries) {
            if (entry.getName().endsWith("/" + CourseManifest.FILE_NAME)) {
                return " (found " + InvalidArchiveException.printable(entry.getName())
                        + "; pack the course directory itself, not its parent)";
            }
        }
        return "";
    }

    private static CourseManifest readManifest(ZipFile zip) throws IOException {
        var entry = zip.getEntry(CourseManifest.FILE_NAME);
        var bytes = new ByteArrayOutputStream();
        try {
            inflate(zip, entry, new UnpackLimits(1, MAX_MANIFEST_BYTES, UnpackLimits.DEFAULT.maxRatio()), 0, bytes);
        } catch (InvalidArchiveException e) {
            throw bytes.size() > MAX_MANIFEST_BYTES - 65536
                    ? new InvalidArchiveException(
                            entry.getName(), "course.json is larger than " + MAX_MANIFEST_BYTES + " bytes")
                    : e;
        }
        return CourseManifest.parse(bytes.toByteArray());
    }

    private interface Sink {
        OutputStream open(ZipArchiveEntry entry) throws IOException;
    }

    private static long inflateAll(ZipFile zip, List<ZipArchiveEntry> entries, UnpackLimits limits, Sink sink)
            throws IOException {
        long total = 0;
        for (var entry : entries) {
            try (var out = sink.open(entry)) {
                if (!entry.isDirectory()) {
                    total = inflate(zip, entry, limits, total, out);
                }
            }
        }
        return total;
    }

    /**
     * Inflates one entry into {@code out}, counting the real bytes against the limits.
     *
     * @return {@code totalSoFar} plus this entry's inflated size
     */
    private static long inflate(
            ZipFile zip, ZipArchiveEntry entry, UnpackLimits limits, long totalSoFar, OutputStream out)
            throws IOException {
        var name = entry.getName();
        var crc = new CRC32();
        var buffer = BUFFER.get();
        long size = 0;
        long total = totalSoFar;
        try (InputStream in = zip.getInputStream(entry)) {
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException | RuntimeException e) {
                    throw new InvalidArchiveException(name, "corrupt entry data (" + e.getMessage() + ")", e);
                }
                if (n < 0) {
                    break;
                }
                size += n;
                total += n;
                if (total > limits.maxTotalBytes()) {
                    throw new InvalidArchiveException(
                            name, "archive inflates to more than " + limits.maxTotalBytes() + " bytes");
                }
                if (limits.ratioExceeded(size, entry.getCompressedSize())) {
                    throw new InvalidArchiveException(
                            name,
                            "entry inflates to more than " + limits.maxRatio()
                                    + " times its compressed size (possible zip bomb)");
                }
                crc.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        if (entry.getSize() >= 0 && size != entry.getSize()) {
            throw new InvalidArchiveException(
                    name, "inflates to " + size + " bytes but declares " + entry.getSize() + " (corrupt archive)");
        }
        if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
            throw new InvalidArchiveException(name, "CRC mismatch (corrupt archive)");
        }
        return total;
    }

    private static OutputStream open(Path root, ZipArchiveEntry entry) throws IOException {
        var path = root.resolve(EntryNames.stripSlash(entry.getName())).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            // Unreachable after checkEntries; kept so a future change to the name rules cannot write outside.
            throw new InvalidArchiveException(entry.getName(), "path escapes the target directory");
        }
        if (entry.isDirectory()) {
            createDirectories(root, path);
            return OutputStream.nullOutputStream();
        }
        createDirectories(root, path.getParent());
        return Files.newOutputStream(
                path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    private static void createDirectories(Path root, Path dir) throws IOException {
        if (dir.equals(root) || Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        createDirectories(root, dir.getParent());
        Files.createDirectory(dir);
        setDirectoryPermissions(dir);
    }

    private static void setDirectoryPermissions(Path dir) throws IOException {
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static int fileCount(List<ZipArchiveEntry> entries) {
        return (int) entries.stream().filter(e -> !e.isDirectory()).count();
    }

    private static void requireEmptyTarget(Path target) throws IOException {
        if (Files.isSymbolicLink(target)
                || (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target))) {
            throw new FileAlreadyExistsException(target.toString(), null, "target exists and is not a directory");
        }
        if (Files.isDirectory(target)) {
            try (var children = Files.list(target)) {
                if (children.findAny().isPresent()) {
                    throw new DirectoryNotEmptyException(target.toString());
                }
            }
        }
    }

    /** Creates the missing ancestors of {@code dir}; returns them deepest first, for clean-up. */
    private static List<Path> createParents(Path dir) throws IOException {
        var missing = new ArrayList<Path>();
        for (var p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(p);
        }
        Files.createDirectories(dir);
        return missing;
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            // rename(2) replaces an empty directory atomically.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
            Files.delete(target); // empty, checked just before
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Removes the temp dir and the parents this call created; failures are attached to {@code failure}. */
    private static void cleanUp(Path temp, List<Path> createdParents, Throwable failure) {
        try {
            if (temp != null && Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(temp);
            }
            for (var created : createdParents) {
                Files.deleteIfExists(created);
            }
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
