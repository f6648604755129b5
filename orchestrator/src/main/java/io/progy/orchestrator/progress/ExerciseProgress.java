package io.progy.orchestrator.progress;

import java.time.Instant;
import java.util.List;

/**
 * A student's progress on one exercise of a course: a row of {@code exercise_progress}, and an entry of
 * {@code GET /v1/progress/{scope}/{slug}}.
 *
 * @param status {@value #STARTED} (checked, never passed) or {@value #PASSED} (passed at least once)
 * @param attempts every check of the exercise, before and after the first pass
 * @param attemptsToPass the checks up to and including the first pass; null until it passes
 * @param lastVersion the course version of the latest check
 */
public record ExerciseProgress(
        String exercise,
        String status,
        int attempts,
        Instant firstAttemptAt,
        Instant firstPassedAt,
        Integer attemptsToPass,
        Instant lastAttemptAt,
        String lastVersion) {

    public static final String STARTED = "started";
    public static final String PASSED = "passed";

    /** One stored check of the exercise. */
    record Check(String version, boolean passed, Instant occurredAt) {}

    /**
     * The progress that {@code checks} amount to.
     *
     * @param checks every check of the exercise, in the order they happened (ties in the order received)
     */
    static ExerciseProgress of(String exercise, List<Check> checks) {
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("no checks of " + exercise);
        }
        Instant firstPassedAt = null;
        Integer attemptsToPass = null;
        for (int i = 0; i < checks.size() && firstPassedAt == null; i++) {
            if (checks.get(i).passed()) {
                firstPassedAt = checks.get(i).occurredAt();
                attemptsToPass = i + 1;
            }
        }
        Check last = checks.get(checks.size() - 1);
        return new ExerciseProgress(
                exercise,
                firstPassedAt != null ? PASSED : STARTED,
                checks.size(),
                checks.get(0).occurredAt(),
                firstPassedAt,
                attemptsToPass,
                last.occurredAt(),
                last.version());
    }
}
