package io.progy.cli.learn;

import io.progy.cli.Output;
import io.progy.format.Exercise;
import java.util.ArrayList;
import java.util.List;

/**
 * Progress through a course, per module and exercise: what {@code progy status} and {@code progy list} print (and
 * {@code l} in {@code progy watch}), as text or JSON.
 */
record ProgressReport(
        String course,
        String version,
        String root,
        int done,
        int total,
        int percent,
        String current,
        List<ModuleProgress> modules,
        Integer unpushedCommits,
        List<String> pendingConflicts) {

    /** An exercise's status in a report. */
    static final String DONE = "done";

    static final String CURRENT = "current";
    static final String PENDING = "pending";
    static final String LOCKED = "locked";

    record ModuleProgress(String id, String title, int done, int total, int percent, List<ExerciseStatus> exercises) {}

    /** @param rerun done, but its check changed in a course update since: it should run again */
    record ExerciseStatus(
            String id,
            String name,
            String title,
            String path,
            String status,
            boolean skip,
            int attempts,
            boolean rerun) {}

    /** Where the workspace's Git repository stands: commits not uploaded yet, conflicts not resolved yet. */
    record GitStatus(int unpushedCommits, List<String> pendingConflicts) {}

    static ProgressReport of(StudentCourse course) {
        return of(course, null);
    }

    /** The report, with the Git status when there is one (null: no repository). */
    static ProgressReport of(StudentCourse course, GitStatus git) {
        var current = course.current().map(Exercise::id).orElse(null);
        var state = course.state();
        var locked = course.locked();
        var modules = new ArrayList<ModuleProgress>();
        for (var module : course.layout().modules()) {
            var exercises = new ArrayList<ExerciseStatus>();
            int done = 0;
            int total = 0;
            for (var exercise : module.exercises()) {
                var isDone = state.isDone(exercise.id());
                if (!exercise.skip()) {
                    total++;
                    done += isDone ? 1 : 0;
                }
                var status = isDone
                        ? DONE
                        : exercise.id().equals(current)
                                ? CURRENT
                                : locked.containsKey(exercise.id()) ? LOCKED : PENDING;
                exercises.add(new ExerciseStatus(
                        exercise.id(),
                        exercise.name(),
                        exercise.title(),
                        exercise.path(),
                        status,
                        exercise.skip(),
                        state.exercise(exercise.id()).attempts(),
                        state.exercise(exercise.id()).rerun()));
            }
            modules.add(new ModuleProgress(
                    module.id(), module.title(), done, total, StudentCourse.percent(done, total), exercises));
        }
        var counts = course.doneAndRequired();
        return new ProgressReport(
                course.manifest().name(),
                course.manifest().version(),
                course.root().toString(),
                counts[0],
                counts[1],
                StudentCourse.percent(counts[0], counts[1]),
                current,
                modules,
                git == null ? null : git.unpushedCommits(),
                git == null ? List.of() : git.pendingConflicts());
    }

    /** The headline: "@scope/slug 1.0.0: 3 of 8 exercises done (37%)". */
    String headline(Output out) {
        return out.bold(course + " " + version) + ": " + done + " of " + total + " exercises done (" + percent + "%)";
    }

    /** One line per module, then the current exercise. */
    void printSummary(Output out) {
        out.println(headline(out));
        var width = modules.stream().mapToInt(m -> m.title().length()).max().orElse(0);
        for (var module : modules) {
            out.println("  " + pad(module.title(), width) + "  " + module.done() + "/" + module.total() + "  "
                    + module.percent() + "%");
        }
        printCurrent(out);
        printRerun(out);
        printGit(out);
    }

    private void printRerun(Output out) {
        var rerun = modules.stream()
                .flatMap(m -> m.exercises().stream())
                .filter(ExerciseStatus::rerun)
                .map(ExerciseStatus::id)
                .toList();
        if (!rerun.isEmpty()) {
            out.println(out.yellow("Changed by a course update since you passed them") + ": " + String.join(", ", rerun)
                    + "; `progy test <exercise>` runs a check again.");
        }
    }

    private void printGit(Output out) {
        if (unpushedCommits != null && unpushedCommits > 0) {
            out.println(
                    out.yellow(unpushedCommits + (unpushedCommits == 1 ? " commit" : " commits") + " not yet uploaded")
                            + ": `progy sync` uploads them.");
        }
        if (!pendingConflicts.isEmpty()) {
            out.println(out.yellow("Sync conflict to resolve") + ": your version is on "
                    + String.join(", ", pendingConflicts) + "; `progy sync --resolve ours` or `--resolve theirs`.");
        }
    }

    /** Every exercise, module by module, marked done, current or pending. */
    void printList(Output out) {
        out.println(headline(out));
        var width = modules.stream()
                .flatMap(m -> m.exercises().stream())
                .mapToInt(e -> e.name().length())
                .max()
                .orElse(0);
        for (var module : modules) {
            out.println("");
            out.println(out.bold(module.title()) + "  " + module.done() + "/" + module.total());
            for (var exercise : module.exercises()) {
                var mark =
                        switch (exercise.status()) {
                            case DONE -> exercise.rerun() ? out.yellow("↻") : out.green("✓");
                            case CURRENT -> out.yellow("▶");
                            case LOCKED -> "🔒";
                            default -> "·";
                        };
                out.println("  " + mark + " " + pad(exercise.name(), width) + "  " + exercise.id()
                        + (exercise.skip() ? "  (optional)" : "")
                        + (exercise.status().equals(CURRENT) ? "  ← current" : "")
                        + (exercise.rerun() ? "  (changed by an update: run its check again)" : ""));
            }
        }
        out.println("");
        printCurrent(out);
    }

    private void printCurrent(Output out) {
        if (current == null) {
            out.println("Every exercise is done. Well done!");
            return;
        }
        modules.stream()
                .flatMap(m -> m.exercises().stream())
                .filter(e -> e.id().equals(current))
                .findFirst()
                .ifPresent(e -> out.println("Current: " + e.name() + " (" + e.path() + ")"));
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
