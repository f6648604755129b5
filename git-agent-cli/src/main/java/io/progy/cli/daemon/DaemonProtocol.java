package io.progy.cli.daemon;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The wire format between {@code bin/progy} (bash, {@code /dev/tcp}) and the background process, chosen so a
 * shell can speak it without any helper program. Every connection starts with one field; fields end with NUL
 * (or a newline, for the attach line); replies are newline-terminated lines.
 *
 * <pre>
 * control:  progy-daemon-1 \0 SECRET \0 run \0 CWD \0 TERMINAL(0|1) \0 N \0 (NAME=VALUE \0){N} M \0 (ARG \0){M}
 *           ← "session ID\n"  … the command runs …  ← "exit CODE\n"
 *           or SECRET \0 status \0 ← the status lines, or SECRET \0 stop \0 ← "stopping\n"
 * streams:  "attach ID out\n" / "attach ID err\n" ← the command's standard output / error, until closed
 * </pre>
 *
 * Anything else (a wrong secret, a bad field) closes the connection without a reply; a client then runs the
 * command in its own JVM.
 */
public final class DaemonProtocol {
    public static final String VERSION = "progy-daemon-1";

    /**
     * The commands {@code bin/progy} hands to the background process: short and non-interactive (they never read
     * standard input or a console). Login, signup, reset (confirmation), quiz, watch and start stay in their own
     * JVM. {@code DaemonProtocolTest} checks that bin/progy lists the same.
     */
    public static final Set<String> COMMANDS = Set.of(
            "init", "status", "list", "save", "sync", "update", "outdated", "hint", "next", "search", "info", "whoami");

    static final int MAX_FIELD = 256 * 1024;
    static final int MAX_ENTRIES = 10_000;

    private DaemonProtocol() {}

    /** Reads one field: bytes up to NUL or newline (excluded). */
    static String readField(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside a request");
            }
            if (b == 0 || b == '\n') {
                return bytes.toString(StandardCharsets.UTF_8);
            }
            if (bytes.size() == MAX_FIELD) {
                throw new IOException("request field longer than " + MAX_FIELD + " bytes");
            }
            bytes.write(b);
        }
    }

    static int readCount(InputStream in) throws IOException {
        var field = readField(in);
        try {
            int count = Integer.parseInt(field);
            if (count >= 0 && count <= MAX_ENTRIES) {
                return count;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IOException("bad count in request: " + field);
    }

    static byte[] field(String value) {
        return (value + "\0").getBytes(StandardCharsets.UTF_8);
    }
}
