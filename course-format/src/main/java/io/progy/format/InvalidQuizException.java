package io.progy.format;

import java.util.List;

/**
 * Thrown when a {@code quiz.json} is invalid. It carries every problem found; {@link #getMessage()} lists them one per
 * line.
 */
public class InvalidQuizException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems the problems, each {@code "field: message"} with a field such as {@code [2].answer} or
     *     {@code (document)}; must not be empty
     */
    public InvalidQuizException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid quiz needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in document order, each {@code "field: message"}. */
    public List<String> problems() {
        return problems;
    }
}
