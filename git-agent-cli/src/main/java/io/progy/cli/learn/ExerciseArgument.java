package io.progy.cli.learn;

import picocli.CommandLine.Parameters;

/** The optional {@code EXERCISE} argument of the commands that act on one exercise, the current one by default. */
public final class ExerciseArgument {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "EXERCISE",
            description = "Exercise id, path, name or directory (default: the current exercise).")
    String reference;

    /** The exercise named on the command line, or the current one when none was. */
    io.progy.format.Exercise in(StudentCourse course) {
        return course.exercise(reference);
    }
}
