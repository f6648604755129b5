package io.progy.cli;

/**
 * A failure the user should read: its message is printed as {@code error: <message>} on stderr and the
 * command exits with {@link #exitCode()}. No stack trace is shown unless {@code -v} is given.
 */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    public static CliException conflict(String message) {
        return new CliException(ExitCode.CONFLICT, message);
    }

    public static CliException notLoggedIn() {
        return new CliException(ExitCode.AUTH, "not logged in: run `progy login`");
    }
}
