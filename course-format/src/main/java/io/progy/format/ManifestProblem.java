package io.progy.format;

import java.util.Objects;

/**
 * One problem with one field of a {@code course.json} manifest.
 *
 * @param field the field path, e.g. {@code name}, {@code engines.progy}, {@code files[2]}, or {@code (document)} for
 *     a problem with the document as a whole (unparseable JSON, not an object, file missing)
 * @param message why the field is wrong, phrased to follow the field name ("must be a string, not a number")
 */
public record ManifestProblem(String field, String message) {

    /** The field name used for problems that concern the whole document rather than one field. */
    public static final String DOCUMENT = "(document)";

    /** Creates a problem; both parts are required. */
    public ManifestProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** Returns {@code "field: message"}. */
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
