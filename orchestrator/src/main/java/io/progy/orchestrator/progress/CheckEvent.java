package io.progy.orchestrator.progress;

import io.progy.format.CourseName;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One check a student ran, as the CLI reports it once {@link TelemetryBatch} has validated it: which exercise of
 * which course version, whether it passed, how long the check took and when it ran. Nothing else (no code, no
 * output) is ever accepted.
 *
 * @param eventId the client's UUID for the event, lower case: a retried batch carries the same ids
 * @param exercise the exercise id, {@code <module dir>/<exercise dir>} such as {@code 01_basics/01_hello}
 */
record CheckEvent(
        String eventId,
        CourseName course,
        String version,
        String exercise,
        boolean passed,
        long durationMs,
        Instant occurredAt) {

    static final String PASSED = "exercise_passed";
    static final String FAILED = "exercise_failed";

    static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The longest check duration accepted: a day. */
    static final long MAX_DURATION_MS = 86_400_000L;
}
