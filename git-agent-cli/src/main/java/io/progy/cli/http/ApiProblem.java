package io.progy.cli.http;

import java.util.List;

/**
 * An RFC 9457 problem the server answered with: {@code code} is the stable machine-readable code
 * (NOT_FOUND, VERSION_EXISTS, ...), {@code errors} lists invalid manifest fields when there are any.
 */
public record ApiProblem(int status, String code, String title, String detail, List<FieldError> errors) {
    public record FieldError(String field, String message) {}

    public ApiProblem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** The most specific human text the server gave. */
    public String message() {
        if (detail != null && !detail.isBlank()) {
            return detail;
        }
        if (title != null && !title.isBlank()) {
            return title;
        }
        return "HTTP " + status;
    }
}
