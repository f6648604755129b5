package io.progy.format;

/**
 * Thrown when a {@code .progy} archive is unsafe or malformed: error code {@value #CODE}. The message is
 * {@code INVALID_ARCHIVE: <entry>: <reason>} (or {@code INVALID_ARCHIVE: <reason>} when no entry is at fault), with
 * control characters in the entry name escaped so the message stays printable.
 */
public class InvalidArchiveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The stable error code for this failure. */
    public static final String CODE = "INVALID_ARCHIVE";

    private final String entry;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param entry the offending entry name as stored in the archive, or {@code null}
     * @param reason what is wrong, for a human
     */
    public InvalidArchiveException(String entry, String reason) {
        this(entry, reason, null);
    }

    /**
     * Creates the exception with the low-level failure that revealed the problem.
     *
     * @param entry the offending entry name as stored in the archive, or {@code null}
     * @param reason what is wrong, for a human
     * @param cause the underlying failure, or {@code null}
     */
    public InvalidArchiveException(String entry, String reason, Throwable cause) {
        super(CODE + ": " + (entry == null ? "" : printable(entry) + ": ") + reason, cause);
        this.entry = entry;
        this.reason = reason;
    }

    /** The stable error code, {@value #CODE}. */
    public String code() {
        return CODE;
    }

    /** The offending entry name, exactly as stored in the archive, or {@code null}. */
    public String entry() {
        return entry;
    }

    /** What is wrong, for a human. */
    public String reason() {
        return reason;
    }

    /** Escapes control characters (NUL, newlines, ...) so a hostile name cannot forge log or terminal output. */
    static String printable(String name) {
        var out = new StringBuilder(name.length());
        for (var i = 0; i < name.length(); i++) {
            var c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
