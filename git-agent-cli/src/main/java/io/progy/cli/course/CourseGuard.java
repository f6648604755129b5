package io.progy.cli.course;

import io.progy.cli.CliContext;
import io.progy.cli.Output;
import io.progy.cli.check.CheckRunner;
import io.progy.format.CourseChecker;
import io.progy.format.CourseLayout;
import io.progy.format.CourseManifest;
import io.progy.format.CoursePacker;
import io.progy.format.CourseProblem;
import io.progy.format.Exercise;
import io.progy.format.InvalidArchiveException;
import io.progy.format.InvalidCourseException;
import io.progy.format.InvalidManifestException;
import io.progy.format.RunnerSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The course guard behind {@code progy course check} and {@code progy publish}: every static problem
 * ({@link CourseChecker}), then, for exercises that ship a solution, the check run against the solution (it must
 * pass) and against the starting files (they must not), in a temporary copy of the course ({@link SolutionRuns}).
 */
public final class CourseGuard {
    private CourseGuard() {}

    /**
     * Checks a course directory.
     *
     * @param courseDir the course root
     * @param checks makes what runs one exercise's check as the course's runner says, or {@code null} to skip the
     *     solution runs
     * @param progress told before each exercise's checks run, or {@code null}
     */
    public static CourseReport check(
            Path courseDir, Function<RunnerSpec, ExerciseCheck> checks, SolutionRuns.Progress progress)
            throws IOException {
        var root = courseDir.toAbsolutePath().normalize();
        var problems = new ArrayList<CourseProblem>(CourseChecker.check(root));
        var notes = new ArrayList<String>();
        var manifest = manifest(root);
        var layout = layout(root);
        var packed = packed(root);
        var withSolution = layout == null
                ? List.<Exercise>of()
                : layout.exercises().stream().filter(e -> e.solution() != null).toList();
        if (packed != null) {
            for (var exercise : withSolution) {
                var solution = relative(root, exercise.solution());
                if (packed.contains(solution) || packed.stream().anyMatch(f -> f.startsWith(solution + "/"))) {
                    notes.add(solution + " is packed: students get the solution; leave it out with course.json's"
                            + " files, such as \"!content/**/solution/**\"");
                }
            }
        }
        var checked = 0;
        if (checks != null && !withSolution.isEmpty()) {
            var runner = manifest == null ? null : runner(manifest);
            if (runner == null) {
                notes.add("solutions not checked: course.json has no valid runner");
            } else if (packed == null) {
                notes.add("solutions not checked: the course cannot be packed as it is");
            } else {
                var runs = new SolutionRuns(root, packed, runner, checks.apply(runner), progress);
                problems.addAll(runs.run(layout.exercises()));
                notes.addAll(runs.notes());
                checked = runs.checked();
            }
        } else if (checks != null && layout == null) {
            notes.add("solutions not checked: fix the layout of content/ first");
        }
        return new CourseReport(
                root,
                manifest == null ? null : manifest.name(),
                layout == null ? 0 : layout.modules().size(),
                layout == null ? 0 : layout.exercises().size(),
                checked,
                problems,
                notes);
    }

    /**
     * Checks a course directory with the checks run as {@code progy test} runs them ({@link CheckRunner}), showing
     * which exercise is being checked on a terminal.
     */
    public static CourseReport check(Path courseDir, CliContext context, Output output) throws IOException {
        var showProgress = context.terminal() && !output.quiet();
        SolutionRuns.Progress progress = showProgress
                ? (exercise, index, total) -> context.err()
                        .print("\r\u001b[Kchecking solutions " + (index + 1) + "/" + total + ": " + exercise.id())
                : null;
        try {
            return check(courseDir, spec -> CheckRunner.of(spec, context.env(), context.err())::run, progress);
        } finally {
            if (showProgress) {
                context.err().print("\r\u001b[K");
                context.err().flush();
            }
        }
    }

    private static CourseManifest manifest(Path root) {
        try {
            return CourseManifest.readLenient(root.resolve(CourseManifest.FILE_NAME));
        } catch (InvalidManifestException e) {
            return null; // CourseChecker reports every problem
        }
    }

    private static RunnerSpec runner(CourseManifest manifest) {
        try {
            return manifest.runner().orElse(null);
        } catch (InvalidManifestException e) {
            return null;
        }
    }

    private static CourseLayout layout(Path root) throws IOException {
        try {
            return CourseLayout.load(root);
        } catch (InvalidCourseException e) {
            return null;
        }
    }

    /** What would be packed, or {@code null} when the course cannot be packed (CourseChecker says why). */
    private static Set<String> packed(Path root) throws IOException {
        try {
            return new HashSet<>(CoursePacker.listFiles(root));
        } catch (InvalidManifestException | InvalidArchiveException e) {
            return null;
        }
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
