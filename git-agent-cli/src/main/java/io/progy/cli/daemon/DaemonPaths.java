package io.progy.cli.daemon;

import io.progy.cli.auth.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;

/**
 * Where the background process of one CLI jar is found: a private directory ({@code $PROGY_DAEMON_DIR}, else
 * {@code $XDG_RUNTIME_DIR/progy}, else {@code /tmp/progy-<uid>}, the same rule as {@code bin/progy}) holding
 * {@code <key>.daemon} (port, secret and pid on one line), {@code <key>.lock} and {@code <key>.log}, where the key
 * is the jar's real path with every character but letters, digits, {@code . _ -} replaced by {@code _}.
 */
public record DaemonPaths(Path dir, Path jar) {
    private static final EnumSet<PosixFilePermission> NOT_PRIVATE = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    public static DaemonPaths of(Map<String, String> env, Path jar) {
        var configured = env.get("PROGY_DAEMON_DIR");
        var runtime = env.get("XDG_RUNTIME_DIR");
        Path dir;
        if (configured != null && !configured.isBlank()) {
            dir = Path.of(configured);
        } else if (runtime != null && !runtime.isBlank()) {
            dir = Path.of(runtime, "progy");
        } else {
            dir = Path.of("/tmp", "progy-" + uid());
        }
        return new DaemonPaths(dir.toAbsolutePath().normalize(), jar);
    }

    /** The jar this code was loaded from (its real path), or empty when not run from a jar (tests). */
    public static java.util.Optional<Path> currentJar() {
        try {
            var source = DaemonPaths.class.getProtectionDomain().getCodeSource();
            var path = source == null ? null : Path.of(source.getLocation().toURI());
            return path != null && Files.isRegularFile(path)
                    ? java.util.Optional.of(path.toRealPath())
                    : java.util.Optional.empty();
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    public String key() {
        return jar.toString().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public Path info() {
        return dir.resolve(key() + ".daemon");
    }

    public Path lock() {
        return dir.resolve(key() + ".lock");
    }

    public Path log() {
        return dir.resolve(key() + ".log");
    }

    /**
     * Creates the directory (mode 0700) or checks that the existing one is a real directory of this user that
     * nobody else may enter, so no other account can plant or read an info file.
     */
    public void secure() throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            PrivateFiles.createDirectories(dir);
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory");
        }
        var owner = ((Number) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
        if (owner != uid()) {
            throw new IOException(dir + " belongs to another user");
        }
        var permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        if (permissions.stream().anyMatch(NOT_PRIVATE::contains)) {
            throw new IOException(dir + " may be entered by other users (it must be mode 0700)");
        }
    }

    /** The info file's content, or null when there is none (or it cannot be read or parsed). */
    public DaemonInfo readInfo() {
        try {
            return DaemonInfo.parse(Files.readString(info()));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    static long uid() {
        return new com.sun.security.auth.module.UnixSystem().getUid();
    }
}
