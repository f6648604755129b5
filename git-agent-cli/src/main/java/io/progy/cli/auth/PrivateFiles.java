package io.progy.cli.auth;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files only their owner may read, for secrets under {@code $PROGY_HOME}: created with mode 0600 (directories
 * 0700) from the start, never widened, and replaced atomically so a crash never leaves half a file.
 */
public final class PrivateFiles {
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {}

    /** Creates {@code dir} (and its parents) readable by the owner only, when it does not exist. */
    public static void createDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, ownerOnly("rwx------"));
        }
    }

    /** Replaces {@code file} with {@code content}: written to a 0600 temporary file beside it, then moved over it. */
    public static void write(Path file, byte[] content) throws IOException {
        var dir = file.toAbsolutePath().getParent();
        createDirectories(dir);
        var temp = Files.createTempFile(dir, "." + file.getFileName() + "-", ".tmp", ownerOnly("rw-------"));
        try {
            Files.write(temp, content);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        return POSIX
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
                }
                : new FileAttribute<?>[0];
    }
}
