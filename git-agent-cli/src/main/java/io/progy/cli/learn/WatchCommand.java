package io.progy.cli.learn;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.Output;
import io.progy.cli.ProgyCommand;
import io.progy.cli.check.CheckRunner;
import io.progy.cli.progress.BackgroundSync;
import io.progy.cli.progress.ProgressRepo;
import io.progy.cli.telemetry.Telemetry;
import io.progy.format.Exercise;
import java.io.IOException;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code progy watch}: re-checks the current exercise whenever its files change. */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = {
            "Work through the course: check the current exercise now and again whenever one of its files is"
                    + " saved; on a pass, move on to the next exercise.",
            "Keys: h hint, l list, n next exercise, q quit (on a terminal keys act at once; from a pipe, one per"
                    + " line). Ctrl+C also stops watching.",
            "In a workspace made by `progy init`, each first pass is committed (\"Lesson <module>/<exercise>:"
                    + " completed\") and uploaded in the background; commits waiting to go up are uploaded every 2"
                    + " minutes (PROGY_SYNC_INTERVAL, in seconds), and when watching stops your pending work is"
                    + " saved and synced (for at most 10 s; `progy sync` finishes what is left)."
        })
public final class WatchCommand extends ProgyCommand {
    /** How long the files must stay quiet after a change before the check runs (editors write in bursts). */
    static final long DEBOUNCE_MILLIS = 300;

    private static final long KEY_POLL_MILLIS = 50;

    @Mixin
    CourseDirOption where;

    @picocli.CommandLine.Option(
            names = "--runner",
            paramLabel = "ID",
            description = "Check with the course's runner ID (default: the one chosen in `progy start`, else the"
                    + " first).")
    String runnerId;

    private StudentCourse course;
    private CheckRunner runner;
    private ExerciseWatcher watcher;
    private Exercise exercise;
    private GitSync git;
    private Telemetry telemetry;
    private Telemetry.Background sender;

    @Override
    protected int run() throws Exception {
        if (output().json()) {
            throw CliException.usage("watch is interactive and has no JSON output: use `progy test --json`");
        }
        course = StudentCourse.open(where.start(context()));
        runner = CheckRunner.forCourse(
                course.root(),
                course.runnerId(runnerId),
                context().env(),
                context().err());
        telemetry = telemetry();
        sender = telemetry.background();
        git = GitSync.start(this, course, BackgroundSync.interval(context()));
        var terminal = context().terminal() ? TerminalMode.cbreak() : null;
        var hook = new Thread(() -> {
            if (terminal != null) {
                terminal.restore();
            }
            context().err().println();
            context().err().println("Stopped watching.");
            context().err().flush();
            git.stop(); // Ctrl+C: the last sync, bounded
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try (var files = new ExerciseWatcher();
                var sending = sender) {
            watcher = files;
            sending.flushSoon(); // what earlier runs left queued
            return loop(new KeyReader(context().in()));
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
            if (terminal != null) {
                terminal.restore();
            }
            git.stop();
        }
    }

    /** The Git work of watch: commits of passes, periodic and final uploads (nothing without a workspace repo). */
    private record GitSync(BackgroundSync background) {
        static GitSync start(WatchCommand command, StudentCourse course, Duration interval) {
            if (!StudentCourse.isWorkspace(course.root())) {
                return new GitSync(null);
            }
            try {
                var repo = command.progressRepo(
                                course.root(), command.root().serverOptions(), ProgressRepo.DEFAULT_TIMEOUT)
                        .orElseThrow();
                return new GitSync(BackgroundSync.start(repo, command.output(), interval));
            } catch (IOException | RuntimeException e) {
                command.output().warn("passes will not be committed to Git: " + e.getMessage());
                return new GitSync(null);
            }
        }

        void passed(Exercise exercise) {
            if (background != null) {
                background.passed(exercise);
            }
        }

        void stop() {
            if (background != null) {
                background.stop(BackgroundSync.EXIT_BOUND);
            }
        }
    }

    private int loop(KeyReader keys) throws Exception {
        var out = output();
        var first = course.current();
        if (first.isEmpty()) {
            out.println("Every exercise is done. Well done!");
            return ExitCode.OK;
        }
        if (!switchTo(first.get())) {
            return ExitCode.OK;
        }
        while (true) {
            var key = keys.poll(KEY_POLL_MILLIS);
            if (key != null) {
                switch (Character.toLowerCase(key)) {
                    case 'q' -> {
                        out.println("Bye: run `progy watch` to pick up where you left off.");
                        return ExitCode.OK;
                    }
                    case 'h' -> HintCommand.showNext(course, exercise, out);
                    case 'l' -> ProgressReport.of(course).printList(out);
                    case 'n' -> {
                        try {
                            var next = NextCommand.moveOn(course);
                            NextCommand.show(out, next);
                            if (!switchTo(next)) {
                                return ExitCode.OK;
                            }
                        } catch (CliException e) {
                            out.println(e.getMessage());
                        }
                    }
                    default -> printKeys(out);
                }
                context().out().flush();
            } else if (watcher.awaitChange(KEY_POLL_MILLIS)) {
                while (watcher.awaitChange(DEBOUNCE_MILLIS)) {
                    // still being written: wait until the files stay quiet
                }
                if (!checkAndAdvance()) {
                    return ExitCode.OK;
                }
            }
        }
    }

    /** Watches {@code next}, checks it and moves on while checks pass; false once the course is done. */
    private boolean switchTo(Exercise next) throws IOException {
        exercise = next;
        watcher.watch(exercise.dir());
        return checkAndAdvance();
    }

    /** Checks the current exercise; on a pass moves to the next one (and checks it). False once all are done. */
    private boolean checkAndAdvance() throws IOException {
        var out = output();
        out.info("Checking " + exercise.name() + " (" + exercise.path() + ")…");
        var before = watcher.snapshot();
        var firstPass = !course.state().isDone(exercise.id());
        var started = System.nanoTime();
        var result = runner.run(course.root(), exercise);
        course.recordCheck(exercise, result);
        if (firstPass && result.passed()) {
            // Done from now on: committed and uploaded in the background (even if a save meanwhile is checked
            // again below), so the next check starts at once.
            git.passed(exercise);
        }
        telemetry.recordCheck(
                course.root(), exercise.id(), result.passed(), Duration.ofNanos(System.nanoTime() - started));
        sender.flushSoon();
        watcher.drain(); // what the check itself wrote is not a change by the student…
        if (watcher.changedSince(before)) {
            // …but a file the student saved while the check ran is: the result is already stale.
            out.info("A file changed while checking: checking again.");
            return checkAndAdvance();
        }
        CheckReport.print(out, exercise, result);
        if (result.passed()) {
            var next = course.current();
            if (next.isEmpty()) {
                out.println("Every exercise is done. Well done!");
                return false;
            }
            out.println("Next: " + out.bold(next.get().title()) + " — "
                    + next.get().name() + " (" + next.get().path() + ")");
            context().out().flush();
            return switchTo(next.get());
        }
        out.println("Watching " + exercise.path() + " — save a file to check again.");
        printKeys(out);
        context().out().flush();
        return true;
    }

    private static void printKeys(Output out) {
        out.println(out.dim("Keys: h hint · l list · n next exercise · q quit"));
    }
}
