package io.progy.format;

import java.util.List;
import java.util.Objects;

/**
 * What a student's machine needs before the course can run: the {@code setup} object of {@code course.json}
 * (Progy's format).
 *
 * <pre>{@code
 * "setup": {
 *   "checks": [{"name": "Docker", "type": "command", "command": "docker info"}],
 *   "guide": "SETUP.md"
 * }
 * }</pre>
 *
 * Each check's {@code command} is split into words like a runner's (never run through a shell); the check passes when
 * it exits with 0. {@code guide} is a Markdown file of the course shown when a check fails.
 *
 * @param checks the checks in order, never {@code null}
 * @param guide the guide's path relative to the course root, or {@code null}
 */
public record CourseSetup(List<Check> checks, String guide) {

    /** Creates the setup. */
    public CourseSetup {
        checks = List.copyOf(checks);
    }

    /**
     * One check.
     *
     * @param name what it checks, shown to the student
     * @param command the program and its arguments
     * @param solution how to fix a failure (Progy's optional {@code solution}), or {@code null}
     */
    public record Check(String name, List<String> command, String solution) {
        /** Creates a check. */
        public Check {
            Objects.requireNonNull(name, "name");
            command = List.copyOf(command);
        }
    }
}
