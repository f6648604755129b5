package io.progy.cli.course;

import io.progy.cli.FileTrees;
import io.progy.format.CheckResult;
import io.progy.format.CourseLayout;
import io.progy.format.CourseProblem;
import io.progy.format.Exercise;
import io.progy.format.InvalidCourseException;
import io.progy.format.RunnerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs each exercise's check against its starting files (they must not pass) and against its solution (it must
 * pass), in a temporary copy of what the course packs: the author's files are never touched, and a check that
 * needs a file the package leaves out fails here as it would for a student.
 *
 * <p>A solution directory ({@code solution/}) is copied over the exercise directory, each of its files replacing
 * the starting file of the same name. A solution file ({@code Solution.java}, {@code solution.py}) replaces the one
 * starting file with the same extension, not counting the README, hints, quiz and the files the runner command
 * names (such as {@code {{exercise}}/check.py}); when that is not exactly one file, the solution is reported as ambiguous.
 * The solution itself is removed from the copy before the starting files are checked.
 */
public final class SolutionRuns {
    /** Told before each exercise's checks run, for progress on a terminal. */
    @FunctionalInterface
    public interface Progress {
        void running(Exercise exercise, int index, int total);
    }

    private static final Set<String> NOT_STARTING_FILES =
            Set.of(Exercise.README, Exercise.HINTS, Exercise.QUIZ, CheckResult.FILE_NAME);
    private static final int MAX_DETAIL = 300;
    private static final Pattern FAILURE_LINE = Pattern.compile("^(?i)(fail|error|not ok)\\b");

    private final Path root;
    private final Set<String> packed;
    private final RunnerSpec runner;
    private final ExerciseCheck checks;
    private final Progress progress;
    private final List<String> notes = new ArrayList<>();
    private final List<CourseProblem> problems = new ArrayList<>();
    private int checked;

    SolutionRuns(Path root, Set<String> packed, RunnerSpec runner, ExerciseCheck checks, Progress progress) {
        this.root = root;
        this.packed = packed;
        this.runner = runner;
        this.checks = checks;
        this.progress = progress == null ? (exercise, index, total) -> {} : progress;
    }

    /** Runs the checks of those of the course's exercises that have a solution; returns the problems found. */
    List<CourseProblem> run(List<Exercise> all) throws IOException {
        var exercises = all.stream().filter(e -> e.solution() != null).toList();
        if (exercises.isEmpty()) {
            return List.of();
        }
        var temp = Files.createTempDirectory("progy-course-check-");
        try {
            var copy = temp.resolve(
                    root.getFileName() == null ? "course" : root.getFileName().toString());
            copyPacked(copy, all);
            CourseLayout layout;
            try {
                layout = CourseLayout.load(copy);
            } catch (InvalidCourseException e) {
                notes.add("solutions not checked: the packed course has layout problems");
                return List.of();
            }
            for (var i = 0; i < exercises.size(); i++) {
                var exercise = exercises.get(i);
                var inCopy = layout.exercise(exercise.id());
                if (inCopy.isPresent()) {
                    progress.running(exercise, i, exercises.size());
                    check(exercise, copy, inCopy.get());
                }
            }
            return List.copyOf(problems);
        } finally {
            FileTrees.delete(temp, false);
        }
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    int checked() {
        return checked;
    }

    private void copyPacked(Path copy, List<Exercise> exercises) throws IOException {
        for (var file : packed) {
            var target = copy.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(root.resolve(file), target, LinkOption.NOFOLLOW_LINKS);
        }
        // Exercise directories the package leaves out (CourseChecker reports them) still load as empty ones.
        for (var exercise : exercises) {
            Files.createDirectories(copy.resolve(exercise.path()));
        }
    }

    private void check(Exercise exercise, Path copy, Exercise inCopy) throws IOException {
        var solution = exercise.solution();
        String replaced = null;
        if (!Files.isDirectory(solution, LinkOption.NOFOLLOW_LINKS)) {
            var starters = startingFilesFor(exercise);
            if (starters.size() != 1) {
                problems.add(new CourseProblem(
                        CourseGuard.relative(root, solution),
                        "cannot tell which starting file this solution replaces ("
                                + (starters.isEmpty() ? "no file with the same extension" : String.join(", ", starters))
                                + "): put the solution in a solution/ directory holding the files it replaces"));
                return;
            }
            replaced = starters.get(0);
        }
        FileTrees.delete(inCopy.dir().resolve(solution.getFileName().toString()), false);

        var starter = runCheck(copy, inCopy);
        if (starter.passed()) {
            problems.add(new CourseProblem(
                    exercise.path(),
                    "the starting files already pass the check: a student would finish without doing anything"));
        }
        if (replaced == null) {
            copyTree(solution, inCopy.dir());
        } else {
            Files.copy(solution, inCopy.dir().resolve(replaced), StandardCopyOption.REPLACE_EXISTING);
        }
        var solved = runCheck(copy, inCopy);
        if (!solved.passed()) {
            problems.add(new CourseProblem(
                    CourseGuard.relative(root, solution), "does not pass the check: " + describe(solved)));
        }
        checked++;
    }

    private CheckResult runCheck(Path copy, Exercise exercise) throws IOException {
        Files.deleteIfExists(exercise.dir().resolve(CheckResult.FILE_NAME)); // never read a stale result
        try {
            return checks.run(copy, exercise);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking " + exercise.id(), e);
        }
    }

    /** The starting files a solution file may replace: same extension, not a course file nor one the runner names. */
    private List<String> startingFilesFor(Exercise exercise) throws IOException {
        var solutionName = exercise.solution().getFileName().toString();
        var extension = extension(solutionName);
        var named = new HashSet<Path>();
        for (var argument : runner.arguments(exercise, root)) {
            try {
                named.add(root.resolve(argument).normalize());
            } catch (InvalidPathException e) {
                // not a path: nothing to leave out
            }
        }
        var candidates = new ArrayList<String>();
        try (var children = Files.list(exercise.dir())) {
            for (var child : children.sorted().toList()) {
                var name = child.getFileName().toString();
                if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)
                        && !name.equals(solutionName)
                        && !NOT_STARTING_FILES.contains(name)
                        && !named.contains(child.normalize())
                        && extension(name).equals(extension)) {
                    candidates.add(name);
                }
            }
        }
        return candidates;
    }

    /** The first line saying what failed ({@code FAIL ...}, {@code error: ...}), else the first line printed. */
    private static Optional<String> firstFailureLine(String output) {
        var lines = output.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        return lines.stream()
                .filter(line -> FAILURE_LINE.matcher(line).find())
                .findFirst()
                .or(() -> lines.stream().findFirst());
    }

    private static String extension(String name) {
        var dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (var path : paths.toList()) {
                var target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** {@code fail: the check exited with code 1 (FAIL  prints Hello, World!)}: status, reason, first output line. */
    static String describe(CheckResult result) {
        var text = new StringBuilder(result.status().json());
        var failure = result.firstFailure();
        var message = result.message() != null
                ? result.message()
                : failure.map(CheckResult.TestResult::message).orElse(null);
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message.strip().lines().findFirst().orElse(""));
        }
        failure.map(CheckResult.TestResult::output)
                .flatMap(SolutionRuns::firstFailureLine)
                .ifPresent(line -> text.append(" (").append(line).append(')'));
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL - 3) + "..." : text.toString();
    }
}
