package io.progy.cli.learn;

import io.progy.cli.CliException;
import io.progy.format.CheckResult;
import io.progy.format.CourseLayout;
import io.progy.format.CourseManifest;
import io.progy.format.Exercise;
import io.progy.format.InvalidCourseException;
import io.progy.format.ProgressState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A course a student works on: its root (found by walking up to {@code progy.toml}, or {@code course.json} for a
 * course that was not started with {@code progy init}), its exercises in order, and the local progress in
 * {@code .progy/state.json}, saved atomically after every change.
 */
final class StudentCourse {
    static final String WORKSPACE_FILE = "progy.toml";

    private final Path root;
    private final CourseManifest manifest;
    private final CourseLayout layout;
    private ProgressState state;

    private StudentCourse(Path root, CourseManifest manifest, CourseLayout layout, ProgressState state) {
        this.root = root;
        this.manifest = manifest;
        this.layout = layout;
        this.state = state;
    }

    /** The course in or above {@code start}; exit 2 when there is none. */
    static StudentCourse open(Path start) throws IOException {
        var root = findRoot(start)
                .orElseThrow(() -> CliException.usage("no course here: " + start
                        + " is not inside a course (no progy.toml or course.json in it or above it);"
                        + " start one with `progy init @scope/slug` or pass --dir"));
        var manifest = CourseManifest.readLenient(root.resolve(CourseManifest.FILE_NAME));
        CourseLayout layout;
        try {
            layout = CourseLayout.load(root);
        } catch (InvalidCourseException e) {
            throw CliException.usage("the course in " + root + " is not valid (`progy course check` lists every"
                    + " problem):" + System.lineSeparator() + "  "
                    + e.getMessage().replace("\n", System.lineSeparator() + "  "));
        }
        if (layout.exercises().isEmpty()) {
            throw CliException.usage("the course in " + root + " has no exercises");
        }
        return new StudentCourse(root, manifest, layout, ProgressState.load(root));
    }

    /** The nearest directory at or above {@code start} holding progy.toml, else one holding course.json. */
    static Optional<Path> findRoot(Path start) {
        for (var dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(WORKSPACE_FILE))
                    && Files.isRegularFile(dir.resolve(CourseManifest.FILE_NAME))) {
                return Optional.of(dir);
            }
        }
        for (var dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(CourseManifest.FILE_NAME))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code root} is a student's workspace made by {@code progy init} (progy.toml and a Git repository). */
    static boolean isWorkspace(Path root) {
        return Files.isRegularFile(root.resolve(WORKSPACE_FILE)) && Files.isDirectory(root.resolve(".git"));
    }

    Path root() {
        return root;
    }

    CourseManifest manifest() {
        return manifest;
    }

    CourseLayout layout() {
        return layout;
    }

    ProgressState state() {
        return state;
    }

    List<Exercise> exercises() {
        return layout.exercises();
    }

    /**
     * The exercise to work on: the one {@code progy next} moved to while it is not done; else the first exercise
     * after it (wrapping around) that is neither done nor skipped; empty when every required exercise is done.
     */
    Optional<Exercise> current() {
        var exercises = exercises();
        var start = 0;
        if (state.current() != null) {
            var chosen = layout.exercise(state.current());
            if (chosen.isPresent()) {
                if (!state.isDone(chosen.get().id())) {
                    return chosen;
                }
                start = exercises.indexOf(chosen.get());
            }
        }
        for (var i = 0; i < exercises.size(); i++) {
            var candidate = exercises.get((start + i) % exercises.size());
            if (!candidate.skip() && !state.isDone(candidate.id())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The locked exercises (course.json's {@code progression}) and why: id to reason. */
    Map<String, String> locked() {
        return manifest.progression().locked(layout, state);
    }

    /** Exit 3 when {@code exercise} is locked by the course's progression. */
    void requireUnlocked(Exercise exercise) {
        var reason = locked().get(exercise.id());
        if (reason != null) {
            throw CliException.conflict(exercise.name() + " (" + exercise.id() + ") is locked: " + reason);
        }
    }

    /** The runner to check with: {@code requested} if given, else the one chosen in the settings, else the default. */
    String runnerId(String requested) {
        if (requested != null) {
            return requested;
        }
        var chosen = LocalSettings.load(root).runner();
        return chosen != null && manifest.runner(chosen).isPresent() ? chosen : null;
    }

    /** The exercise after {@code exercise} in course order, if any. */
    Optional<Exercise> after(Exercise exercise) {
        var exercises = exercises();
        var index = exercises.indexOf(exercise);
        return index >= 0 && index + 1 < exercises.size() ? Optional.of(exercises.get(index + 1)) : Optional.empty();
    }

    /** The exercise {@code reference} names (id, path, name or directory); the current one when null. */
    Exercise exercise(String reference) {
        if (reference == null) {
            return current()
                    .orElseThrow(() -> CliException.conflict(
                            "every exercise is done: name one (see `progy list`) to work on it again"));
        }
        var found = layout.find(reference);
        if (found.isEmpty()) {
            throw CliException.usage("no exercise '" + reference + "' in this course (see `progy list`)");
        }
        if (found.size() > 1) {
            throw CliException.usage("'" + reference + "' is ambiguous: it names "
                    + String.join(", ", found.stream().map(Exercise::id).toList()) + "; use the full id");
        }
        return found.get(0);
    }

    /** Records one check of {@code exercise}: an attempt, and done on pass. */
    void recordCheck(Exercise exercise, CheckResult result) throws IOException {
        update(state.withAttempt(exercise.id(), result.passed(), Instant.now()));
    }

    /** Makes {@code exercise} the current one. */
    void makeCurrent(Exercise exercise) throws IOException {
        update(state.withCurrent(exercise.id()));
    }

    void update(ProgressState changed) throws IOException {
        changed.save(root);
        state = changed;
    }

    /** How many exercises that count (not skipped) are done, and how many count. */
    int[] doneAndRequired() {
        int done = 0;
        int required = 0;
        for (var exercise : exercises()) {
            if (!exercise.skip()) {
                required++;
                if (state.isDone(exercise.id())) {
                    done++;
                }
            }
        }
        return new int[] {done, required};
    }

    static int percent(int done, int total) {
        return total == 0 ? 100 : (int) Math.floor(100.0 * done / total);
    }
}
