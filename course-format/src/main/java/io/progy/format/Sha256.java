package io.progy.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex, the form used in the registry, HTTP headers and the CLI. */
public final class Sha256 {

    private Sha256() {}

    /** The SHA-256 of a file's content, streamed, as lower-case hex. */
    public static String of(Path file) throws IOException {
        var digest = newDigest();
        try (var in = Files.newInputStream(file)) {
            var buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest.digest());
    }

    /** Lower-case hex of {@code digest} (or any bytes). */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** A fresh SHA-256 {@link MessageDigest}, for callers hashing a stream as it goes by. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
