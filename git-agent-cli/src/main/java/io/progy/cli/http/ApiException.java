package io.progy.cli.http;

import io.progy.cli.CliException;

/** The server refused a request; {@link #problem()} says how, {@link #exitCode()} is derived from it. */
public final class ApiException extends CliException {
    private final ApiProblem problem;

    private final long retryAfter;

    ApiException(int exitCode, String message, ApiProblem problem) {
        this(exitCode, message, problem, -1);
    }

    ApiException(int exitCode, String message, ApiProblem problem, long retryAfter) {
        super(exitCode, message);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    /** Seconds the server asked to wait ({@code Retry-After} of a 429), or -1. */
    public long retryAfterSeconds() {
        return retryAfter;
    }

    public ApiProblem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    /** The problem's stable code, or "" when the server gave none. */
    public String code() {
        return problem.code() == null ? "" : problem.code();
    }
}
