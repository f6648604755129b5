package io.progy.cli.learn;

import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.check.CheckRunner;
import io.progy.cli.progress.BackgroundSync;
import io.progy.cli.progress.SyncReport;
import io.progy.cli.telemetry.Telemetry;
import io.progy.format.Exercise;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code progy test}: checks one exercise and records the attempt. */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = {
            "Check an exercise: the current one (the first not done yet) or the one named.",
            "Runs the course's check and prints a compact report with the failing test's message; --json prints"
                    + " the result in results.json v3 form. Every check counts as an attempt in .progy/state.json;"
                    + " a pass marks the exercise done.",
            "The first pass of an exercise is committed to Git (\"Lesson <module>/<exercise>: completed\", with the"
                    + " exercise's files) and uploaded to your progress repository after the result is printed;"
                    + " offline, the commit waits for the next save, sync or pass.",
            "Each check is also reported to the course's server (pass or fail and how long it took, never your"
                    + " code; see `progy config telemetry`), queued while offline and sent later.",
            "Exit 0 when the check passes, 1 when it fails or cannot finish (a time-out, a missing program)."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  progy test", "  progy test hello", "  progy test 01_basics/02_variables --json"})
public final class TestCommand extends ProgyCommand {
    /** How long the upload of a pass may take before `progy test` leaves it to the next save or sync. */
    static final Duration UPLOAD_BOUND = Duration.ofSeconds(20);

    @Mixin
    CourseDirOption where;

    @Mixin
    ExerciseArgument exercise;

    @Option(names = "--json", description = "Print the result as results.json (version 3).")
    boolean json;

    @Option(
            names = "--runner",
            paramLabel = "ID",
            description = "Check with the course's runner ID (course.json \"runners\"; default: the one chosen in"
                    + " `progy start`'s settings, else the first).")
    String runner;

    @Override
    protected int run() throws Exception {
        var out = output();
        if (json) {
            out.forceJson();
        }
        var course = StudentCourse.open(where.start(context()));
        var target = exercise.in(course);
        var firstPass = !course.state().isDone(target.id());
        course.requireUnlocked(target);
        out.info("Checking " + target.name() + " (" + target.path() + ")…");
        var started = System.nanoTime();
        var result = CheckRunner.forCourse(
                        course.root(),
                        course.runnerId(runner),
                        context().env(),
                        context().err())
                .run(course.root(), target);
        course.recordCheck(target, result);
        var telemetry = telemetry();
        telemetry.recordCheck(
                course.root(), target.id(), result.passed(), Duration.ofNanos(System.nanoTime() - started));
        if (out.json()) {
            out.println(result.toJson());
        } else {
            CheckReport.print(out, target, result);
            if (result.passed()) {
                course.current()
                        .ifPresentOrElse(
                                next -> out.info("Next: " + next.name() + " (" + next.path() + ")"),
                                () -> out.info("Every exercise is done. Well done!"));
            } else {
                out.info("Stuck? `progy hint` shows a hint.");
            }
        }
        context().out().flush();
        if (result.passed() && firstPass) {
            commitPass(course, target);
        }
        telemetry.flush(Telemetry.SEND_BOUND); // after the result is out, so it never holds the student up
        return result.passed() ? ExitCode.OK : ExitCode.FAILURE;
    }

    /**
     * Commits the pass and uploads it, after the result is printed. The upload gets at most {@link #UPLOAD_BOUND} in
     * all; past it, progy moves on (the server refuses half-done pushes, so nothing is left broken) and the next
     * save, sync or pass uploads the commit, as it does offline. Whatever happens, the check's exit code stands.
     */
    private void commitPass(StudentCourse course, Exercise target) {
        if (!StudentCourse.isWorkspace(course.root())) {
            return; // a course directory, not a student's workspace: nothing to commit to
        }
        var out = output();
        try {
            var repo = progressRepo(course.root(), root().serverOptions(), UPLOAD_BOUND)
                    .orElseThrow();
            try {
                repo.commitPassed(target);
            } catch (Exception e) {
                repo.close();
                throw e;
            }
            out.info("Committed: Lesson " + target.id() + ": completed");
            BackgroundSync.uploadWithin(repo, UPLOAD_BOUND)
                    .ifPresentOrElse(
                            result -> SyncReport.note(out, result),
                            () -> out.warn("the upload is taking more than " + UPLOAD_BOUND.toSeconds()
                                    + " s: the commit is kept here, and the next save, sync or pass uploads it."));
        } catch (Exception e) {
            out.warn("the pass is recorded, but could not be committed to Git: " + e.getMessage());
        }
    }
}
