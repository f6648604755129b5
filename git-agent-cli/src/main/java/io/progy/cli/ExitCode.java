package io.progy.cli;

/** The exit codes of every progy command (the table in PRODUCT.md and in {@code progy --help}). */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command ran but did not succeed (for example a local I/O error). */
    public static final int FAILURE = 1;
    /** Invalid input or usage: bad arguments, an invalid course, an unknown course or version. */
    public static final int USAGE = 2;
    /** Conflict or unexpected state: a version already published, a non-empty target directory. */
    public static final int CONFLICT = 3;
    /** Internal error: a bug in progy. */
    public static final int INTERNAL = 4;
    /** The server could not be reached, failed, is rate limiting us, or sent a corrupt download. */
    public static final int UNAVAILABLE = 5;
    /** Not authenticated, or not allowed. */
    public static final int AUTH = 6;

    private ExitCode() {}
}
