package io.progy.cli.learn;

import com.fasterxml.jackson.databind.JsonNode;
import io.progy.cli.CliException;
import io.progy.cli.check.CheckRunner;
import io.progy.cli.check.OutputListener;
import io.progy.format.CheckResult;
import io.progy.format.CourseManifest;
import io.progy.format.Exercise;
import io.progy.format.InvalidQuizException;
import io.progy.format.Quiz;
import io.progy.format.RunnerSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The student's loop for a long-running front end ({@code progy start}): the course, its progress, checks and the
 * same file watching as {@code progy watch} ({@link ExerciseWatcher}), safe to use from many threads.
 *
 * <p>Every check and every look at the files runs on one worker thread, in order: a check asked for while another
 * runs waits for it, and a file saved while a check runs leads to one more check, as in {@code progy watch}. What
 * happens is told to the {@link Events} given at {@link #open}.
 */
public final class LearningSession implements AutoCloseable {
    /** What a check was started by. */
    public enum Trigger {
        /** The student asked (the Run button). */
        RUN,
        /** A file of the watched exercise was saved. */
        SAVE
    }

    /** Told what the session does; called from the worker thread. */
    public interface Events {
        /** A check of {@code exercise} starts. */
        void checkStarted(Exercise exercise, Trigger trigger, RunnerSpec runner);

        /** The check prints {@code text}. */
        void output(Exercise exercise, String text);

        /** The check ended; progress was recorded. */
        void checkFinished(Exercise exercise, CheckResult result);

        /** {@code exercise} passed for the first time (it is done from now on); told right after it is recorded. */
        default void passedFirstTime(Exercise exercise) {}
    }

    /** An exercise's place in the course, for a map. */
    public record ExerciseStatus(Exercise exercise, String status, String lockReason, int attempts) {}

    /** A module and its exercises. */
    public record ModuleStatus(String id, String title, int done, int total, List<ExerciseStatus> exercises) {}

    /** The revealed hints of an exercise and how many there are. */
    public record HintsView(List<String> shown, int total) {}

    /** The files of an exercise the student works on (course files and solutions left out). */
    public record ExerciseFile(String path, long size, String text) {}

    private static final Set<String> COURSE_FILES = Set.of("README.md", "hints.md", "quiz.json", "results.json");
    private static final Set<String> SKIPPED_DIRS = Set.of("target", "node_modules", "__pycache__", "build", "bin");
    private static final long MAX_SHOWN_BYTES = 64 * 1024;
    private static final int MAX_FILES = 40;

    private final StudentCourse course;
    private final Map<String, String> env;
    private final PrintStream warnings;
    private final Events events;
    private final Map<String, CheckResult> lastResults = new HashMap<>();
    private final LinkedBlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final Thread worker;
    private final ExerciseWatcher watcher;
    private volatile boolean running = true;
    private CheckRunner runner;
    private Exercise watched;

    private LearningSession(StudentCourse course, Map<String, String> env, PrintStream warnings, Events events)
            throws IOException {
        this.course = course;
        this.env = env;
        this.warnings = warnings;
        this.events = events;
        this.watcher = new ExerciseWatcher();
        this.worker = new Thread(this::work, "progy-checks");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Opens the course in or above {@code start}.
     *
     * @param env the environment checks run with (scrubbed of credentials by the runner)
     * @param warnings where runner banners (network access, image builds) go
     * @throws CliException with exit code 2 when there is no valid course there
     */
    public static LearningSession open(Path start, Map<String, String> env, PrintStream warnings, Events events)
            throws IOException {
        return new LearningSession(StudentCourse.open(start), env, warnings, events);
    }

    /** The course root. */
    public Path root() {
        return course.root();
    }

    /** The manifest, read leniently (a course in Progy's format may lack what only publishing needs). */
    public CourseManifest manifest() {
        return course.manifest();
    }

    /** Every module with the status of each exercise: done, current, locked or pending. */
    public synchronized List<ModuleStatus> map() {
        var report = ProgressReport.of(course);
        var locked = course.locked();
        var modules = new ArrayList<ModuleStatus>();
        for (var module : course.layout().modules()) {
            var progress = report.modules().stream()
                    .filter(m -> m.id().equals(module.id()))
                    .findFirst()
                    .orElseThrow();
            var exercises = new ArrayList<ExerciseStatus>();
            for (var i = 0; i < module.exercises().size(); i++) {
                var exercise = module.exercises().get(i);
                var status = progress.exercises().get(i);
                exercises.add(
                        new ExerciseStatus(exercise, status.status(), locked.get(exercise.id()), status.attempts()));
            }
            modules.add(new ModuleStatus(module.id(), module.title(), progress.done(), progress.total(), exercises));
        }
        return modules;
    }

    /** How many required exercises are done, and how many there are. */
    public synchronized int[] doneAndRequired() {
        return course.doneAndRequired();
    }

    /** The current exercise, if any is left. */
    public synchronized Optional<Exercise> current() {
        return course.current();
    }

    /** The exercise with this id; exit 2 when there is none. */
    public Exercise exercise(String id) {
        return course.layout()
                .exercise(id)
                .orElseThrow(() -> CliException.usage("no exercise '" + id + "' in this course"));
    }

    /** Why the exercise is locked, or empty when it is open. */
    public synchronized Optional<String> lockReason(Exercise exercise) {
        return Optional.ofNullable(course.locked().get(exercise.id()));
    }

    /** The result of the exercise's last check in this session, if any. */
    public synchronized Optional<CheckResult> lastResult(Exercise exercise) {
        return Optional.ofNullable(lastResults.get(exercise.id()));
    }

    /** The hints revealed so far. */
    public synchronized HintsView hints(Exercise exercise) throws IOException {
        var hints = Hints.of(exercise);
        var shown = Math.min(course.state().exercise(exercise.id()).hintsShown(), hints.size());
        return new HintsView(hints.subList(0, shown), hints.size());
    }

    /** Reveals one more hint (none once all are shown) and records it. */
    public synchronized HintsView revealHint(Exercise exercise) throws IOException {
        var hints = Hints.of(exercise);
        if (course.state().exercise(exercise.id()).hintsShown() < hints.size()) {
            course.update(course.state().withHintShown(exercise.id()));
        }
        return hints(exercise);
    }

    /** The exercise's quiz, if it has one; exit 2 when its quiz.json is invalid. */
    public Optional<Quiz> quiz(Exercise exercise) throws IOException {
        if (exercise.quiz() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Quiz.read(exercise.quiz()));
        } catch (InvalidQuizException e) {
            throw CliException.usage("invalid quiz.json in " + exercise.path() + ": " + e.getMessage());
        }
    }

    /** Grades and records answers to the exercise's quiz. */
    public synchronized QuizAnswers.Result answerQuiz(Exercise exercise, Map<String, JsonNode> answers)
            throws IOException {
        var quiz = quiz(exercise).orElseThrow(() -> CliException.usage(exercise.name() + " has no quiz"));
        return QuizAnswers.gradeAndRecord(course, exercise, quiz, answers);
    }

    /** The last quiz score, if the quiz was taken. */
    public synchronized Optional<io.progy.format.ProgressState.QuizScore> quizScore(Exercise exercise) {
        return Optional.ofNullable(course.state().exercise(exercise.id()).quiz());
    }

    /** The student's settings. */
    public synchronized LocalSettings settings() {
        return LocalSettings.load(course.root());
    }

    /** Saves settings; a runner id must be one of the course's. */
    public synchronized void saveSettings(LocalSettings settings) throws IOException {
        if (settings.runner() != null
                && course.manifest().runner(settings.runner()).isEmpty()) {
            throw CliException.usage("this course has no runner '" + settings.runner() + "'");
        }
        settings.save(course.root());
        work.add(() -> runner = null); // the next check picks the new runner
    }

    /** The runner checks use now. */
    public synchronized RunnerSpec runnerSpec() {
        return CheckRunner.select(course.manifest(), course.runnerId(null));
    }

    /** The files the student works on in the exercise, with their text when small enough. */
    public List<ExerciseFile> files(Exercise exercise) throws IOException {
        var files = new ArrayList<ExerciseFile>();
        var dir = exercise.dir();
        var solution = exercise.solution();
        try (var walk = Files.walk(dir, 3)) {
            for (var file : (Iterable<Path>) walk.sorted()::iterator) {
                var relative = dir.relativize(file);
                if (files.size() >= MAX_FILES
                        || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        || hidden(relative)
                        || (solution != null && file.startsWith(solution))
                        || (relative.getNameCount() == 1 && COURSE_FILES.contains(relative.toString()))) {
                    continue;
                }
                var size = Files.size(file);
                files.add(new ExerciseFile(
                        exercise.path() + "/" + relative.toString().replace('\\', '/'), size, text(file, size)));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return files;
    }

    private static boolean hidden(Path relative) {
        for (var part : relative) {
            var name = part.toString();
            if (name.startsWith(".") || SKIPPED_DIRS.contains(name) || name.endsWith(".class")) {
                return true;
            }
        }
        return false;
    }

    private static String text(Path file, long size) throws IOException {
        if (size > MAX_SHOWN_BYTES) {
            return null;
        }
        var bytes = Files.readAllBytes(file);
        for (var b : bytes) {
            if (b == 0) {
                return null; // binary
            }
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Checks an exercise on the worker thread (after any check already asked for).
     *
     * @throws CliException with exit code 3 when the exercise is locked
     */
    public void check(Exercise exercise) {
        lockReason(exercise).ifPresent(reason -> {
            throw CliException.conflict(exercise.name() + " is locked: " + reason);
        });
        work.add(() -> runCheck(exercise, Trigger.RUN));
    }

    /** Watches {@code exercise}'s files from now on (instead of any other): a save checks it again. */
    public void watch(Exercise exercise) {
        work.add(() -> {
            if (exercise.equals(watched)) {
                return;
            }
            try {
                watcher.watch(exercise.dir());
                watched = exercise;
            } catch (IOException e) {
                warnings.println("cannot watch " + exercise.path() + ": " + e.getMessage());
            }
        });
    }

    private void work() {
        while (running) {
            try {
                var task = work.poll(50, TimeUnit.MILLISECONDS);
                if (task != null) {
                    task.run();
                } else if (watched != null && watcher.awaitChange(50)) {
                    while (running && watcher.awaitChange(WatchCommand.DEBOUNCE_MILLIS)) {
                        // still being written: wait until the files stay quiet
                    }
                    if (running && lockReason(watched).isEmpty()) {
                        runCheck(watched, Trigger.SAVE);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                warnings.println("progy: " + e.getMessage());
            }
        }
    }

    /** Runs one check on the worker thread; again when the student saved a file of it meanwhile. */
    private void runCheck(Exercise exercise, Trigger trigger) {
        try {
            if (runner == null) {
                try {
                    runner = CheckRunner.of(runnerSpec(), env, warnings);
                } catch (CliException e) {
                    // no runner (or none by the chosen id): nothing ran, so nothing is recorded
                    events.checkFinished(exercise, CheckResult.error(e.getMessage(), null));
                    return;
                }
            }
            var isWatched = exercise.equals(watched);
            var before = isWatched ? watcher.snapshot() : Map.<Path, String>of();
            events.checkStarted(exercise, trigger, runner.spec());
            CheckResult result;
            try {
                OutputListener listener = text -> events.output(exercise, text);
                result = runner.run(course.root(), exercise, listener);
            } catch (CliException e) {
                result = CheckResult.error(e.getMessage(), null); // Docker missing, a bad cwd: shown, not fatal
            }
            boolean firstPass;
            synchronized (this) {
                firstPass = result.passed() && !course.state().isDone(exercise.id());
                course.recordCheck(exercise, result);
                lastResults.put(exercise.id(), result);
            }
            if (firstPass) {
                events.passedFirstTime(exercise);
            }
            if (isWatched) {
                watcher.drain(); // what the check itself wrote is not a change by the student…
                if (watcher.changedSince(before)) {
                    runCheck(exercise, Trigger.SAVE); // …but a file saved while it ran is
                    return;
                }
            }
            events.checkFinished(exercise, result);
        } catch (IOException e) {
            warnings.println("progy: cannot record the check of " + exercise.id() + ": " + e.getMessage());
        }
    }

    /** A name for the kind of file, for syntax highlighting: its extension, lower case. */
    public static String language(String path) {
        var dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            watcher.close();
        } catch (IOException e) {
            // closing: nothing to report
        }
    }
}
