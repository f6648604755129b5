package io.progy.format;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a course's layout (its modules and exercises) cannot be read. It carries every problem found;
 * {@link #getMessage()} lists them as {@code path: message}, one per line.
 */
public class InvalidCourseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The stable error code for this failure in the command line's JSON output. */
    public static final String CODE = "INVALID_COURSE";

    private final List<CourseProblem> problems;

    /**
     * Creates the exception.
     *
     * @param problems the problems found; must not be empty
     */
    public InvalidCourseException(List<CourseProblem> problems) {
        super(problems.stream().map(CourseProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid course needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in course order. */
    public List<CourseProblem> problems() {
        return problems;
    }
}
