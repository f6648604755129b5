package io.progy.orchestrator.error;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The one exception type features throw to answer a request with an RFC 9457 problem: a stable
 * {@link ProblemCode}, a human detail, and optionally the fields at fault. {@link GlobalErrorHandler}
 * renders it.
 */
public class ApiException extends RuntimeException {

    private final ProblemCode code;
    private final HttpStatus status;
    private final List<FieldProblem> errors;

    public ApiException(ProblemCode code, String detail) {
        this(code, code.status(), detail, List.of(), null);
    }

    public ApiException(ProblemCode code, String detail, List<FieldProblem> errors) {
        this(code, code.status(), detail, errors, null);
    }

    public ApiException(ProblemCode code, String detail, Throwable cause) {
        this(code, code.status(), detail, List.of(), cause);
    }

    /** For framework errors whose HTTP status differs from the code's usual one (405, 415, ...). */
    public ApiException(
            ProblemCode code, HttpStatus status, String detail, List<FieldProblem> errors, Throwable cause) {
        super(detail, cause, false, cause != null);
        this.code = code;
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ProblemCode.NOT_FOUND, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ProblemCode.FORBIDDEN, detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(ProblemCode.UNAUTHORIZED, detail);
    }

    public static ApiException invalidRequest(String field, String message) {
        return new ApiException(
                ProblemCode.INVALID_REQUEST, field + ": " + message, List.of(new FieldProblem(field, message)));
    }

    public ProblemCode code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** Seconds a client should wait before retrying (sent as {@code Retry-After}); 0 for none. */
    public long retryAfterSeconds() {
        return 0;
    }
}
