package io.progy.cli.http;

import io.progy.cli.CliException;

/** The server refused a request; {@link #problem()} says how, {@link #exitCode()} is derived from it. */
public final class ApiException extends CliException {
    private final ApiProblem problem;

    ApiException(int exitCode, String message, ApiProblem problem) {
        super(exitCode, message);
        this.problem = problem;
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
