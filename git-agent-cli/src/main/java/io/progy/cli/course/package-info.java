/**
 * The instructor's commands, {@code progy course new}, {@code add-exercise} and {@code check}: a working course
 * skeleton ({@link io.progy.cli.course.CourseSkeleton}, {@link io.progy.cli.course.ExerciseTemplate}), exercises
 * appended in order to a module's {@code info.toml}, and the course guard ({@link io.progy.cli.course.CourseGuard})
 * that lists every static problem and runs each check against its solution and its starting files
 * ({@link io.progy.cli.course.SolutionRuns}); {@code progy publish} runs the guard first.
 */
package io.progy.cli.course;
