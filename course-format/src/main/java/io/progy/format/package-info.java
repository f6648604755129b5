/**
 * The Progy course format, shared by the orchestrator and the {@code progy} command line: the {@code course.json}
 * manifest and its validation ({@link io.progy.format.CourseManifest}, {@link io.progy.format.CourseName}) with the
 * runner that checks exercises ({@link io.progy.format.RunnerSpec}), the modules and exercises of a course directory
 * ({@link io.progy.format.CourseLayout}) and the static course check ({@link io.progy.format.CourseChecker}),
 * quizzes ({@link io.progy.format.Quiz}), check results in Exercism's {@code results.json} shape
 * ({@link io.progy.format.CheckResult}), the student's local progress ({@link io.progy.format.ProgressState}), SemVer
 * versions and ranges ({@link io.progy.format.SemVer}), the deterministic {@code .progy} archive writer
 * ({@link io.progy.format.CoursePacker}) and the hardened reader that every untrusted archive goes through
 * ({@link io.progy.format.SafeUnpacker}). The package has no Spring dependency and does no network I/O.
 */
package io.progy.format;
