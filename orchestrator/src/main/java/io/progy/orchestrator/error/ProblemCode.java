package io.progy.orchestrator.error;

import org.springframework.http.HttpStatus;

/**
 * The stable error codes of the API, each with the HTTP status it is answered with. Problems use
 * {@code type: about:blank}, so their {@code title} is the status's reason phrase.
 */
public enum ProblemCode {
    INVALID_NAME(HttpStatus.BAD_REQUEST),
    INVALID_VERSION(HttpStatus.BAD_REQUEST),
    INVALID_MANIFEST(HttpStatus.BAD_REQUEST),
    INVALID_ARCHIVE(HttpStatus.BAD_REQUEST),
    INVALID_REQUEST(HttpStatus.BAD_REQUEST),
    VERSION_EXISTS(HttpStatus.CONFLICT),
    FORBIDDEN(HttpStatus.FORBIDDEN),
    INSUFFICIENT_SCOPE(HttpStatus.FORBIDDEN),
    NOT_FOUND(HttpStatus.NOT_FOUND),
    TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED),
    USERNAME_TAKEN(HttpStatus.CONFLICT),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS),
    STORAGE_FAILED(HttpStatus.SERVICE_UNAVAILABLE),
    /** The git host (Gitea, GitHub) could not be reached or is overloaded; trying again later may work. */
    GIT_HOST_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
    /** The git host refused the operation or answered something unexpected. */
    GIT_HOST_FAILED(HttpStatus.BAD_GATEWAY),
    /** The operation needs the caller's GitHub account, which is not linked. */
    GITHUB_NOT_LINKED(HttpStatus.CONFLICT),
    /**
     * The operation needs the caller's GitHub token with access to their repositories ({@code repo} scope), which
     * they did not grant or which GitHub no longer accepts.
     */
    GITHUB_ACCESS_NEEDED(HttpStatus.CONFLICT),
    /** This server's configuration cannot do that (e.g. repository-scoped GitHub credentials without an App). */
    NOT_SUPPORTED(HttpStatus.NOT_IMPLEMENTED),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR);

    private final HttpStatus status;

    ProblemCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
