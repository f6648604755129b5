package io.progy.format;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which exercises a student may work on: the {@code progression} object of {@code course.json} (Progy's format).
 *
 * <pre>{@code
 * "progression": {"mode": "sequential", "strict_module_order": true}
 * }</pre>
 *
 * <ul>
 *   <li>{@code mode}: {@code open} (the default: every exercise is open) or {@code sequential} (in each module, an
 *       exercise stays locked until every earlier exercise of the module that is not skipped is done).
 *   <li>{@code strict_module_order}: {@code true} to keep every exercise of a module locked until every exercise of
 *       the earlier modules that is not skipped is done; default {@code false}.
 * </ul>
 *
 * An exercise that is done is never locked.
 *
 * @param mode open or sequential
 * @param strictModuleOrder whether modules open one after the other
 */
public record Progression(Mode mode, boolean strictModuleOrder) {

    /** Every exercise open: a course without {@code progression}. */
    public static final Progression OPEN = new Progression(Mode.OPEN, false);

    /** The {@code mode}. */
    public enum Mode {
        /** Every exercise is open. */
        OPEN,
        /** Exercises open one after the other in each module. */
        SEQUENTIAL
    }

    /** Creates the rules. */
    public Progression {
        Objects.requireNonNull(mode, "mode");
    }

    /** Whether anything can ever be locked. */
    public boolean locks() {
        return mode == Mode.SEQUENTIAL || strictModuleOrder;
    }

    /**
     * The locked exercises of a course and why, in course order.
     *
     * @return exercise id to the reason, such as {@code "pass hello (01_basics/01_hello) first"}; empty when nothing
     *     is locked
     */
    public Map<String, String> locked(CourseLayout layout, ProgressState state) {
        var locked = new LinkedHashMap<String, String>();
        if (!locks()) {
            return locked;
        }
        Exercise blockingModule = null; // the first required exercise not done in an earlier module
        for (var module : layout.modules()) {
            Exercise blockingInModule = null;
            for (var exercise : module.exercises()) {
                var done = state.isDone(exercise.id());
                if (!done) {
                    var blocker = strictModuleOrder && blockingModule != null
                            ? blockingModule
                            : mode == Mode.SEQUENTIAL ? blockingInModule : null;
                    if (blocker != null) {
                        locked.put(exercise.id(), "pass " + blocker.name() + " (" + blocker.id() + ") first");
                    }
                }
                if (!done && !exercise.skip() && blockingInModule == null) {
                    blockingInModule = exercise;
                }
            }
            if (blockingModule == null) {
                blockingModule = blockingInModule;
            }
        }
        return locked;
    }
}
