package io.progy.cli.course;

import io.progy.format.CheckResult;
import io.progy.format.Exercise;
import java.io.IOException;
import java.nio.file.Path;

/** Runs one exercise's check in a course directory, as the course's runner says. */
@FunctionalInterface
public interface ExerciseCheck {
    CheckResult run(Path courseDir, Exercise exercise) throws IOException, InterruptedException;
}
