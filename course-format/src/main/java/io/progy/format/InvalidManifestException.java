package io.progy.format;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a {@code course.json} manifest is invalid. It carries every problem found, not only the first, so a
 * user can fix them all in one go. {@link #getMessage()} lists them as {@code field: message}, one per line.
 */
public class InvalidManifestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The stable error code for this failure in the HTTP API and the command line's JSON output. */
    public static final String CODE = "INVALID_MANIFEST";

    private final List<ManifestProblem> problems;

    /**
     * Creates the exception.
     *
     * @param problems the problems found; must not be empty
     */
    public InvalidManifestException(List<ManifestProblem> problems) {
        super(format(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid manifest needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Creates the exception for a single problem. */
    public InvalidManifestException(String field, String message) {
        this(List.of(new ManifestProblem(field, message)));
    }

    /** Every problem found, in document order. */
    public List<ManifestProblem> problems() {
        return problems;
    }

    private static String format(List<ManifestProblem> problems) {
        return problems.stream().map(ManifestProblem::toString).collect(Collectors.joining("\n"));
    }
}
