package io.progy.orchestrator.progress;

import java.util.List;

/** Response bodies of the progress endpoints (JSON is snake_case). */
public final class ProgressApi {

    private ProgressApi() {}

    /**
     * The answer to a batch of events.
     *
     * @param accepted events stored now
     * @param duplicates events already stored (a retried batch), or repeated within the batch: ignored
     * @param rejected events that can never be stored, with the reason; the client should not send them again
     */
    record TelemetryResult(int accepted, int duplicates, List<RejectedEvent> rejected) {}

    /** @param reason {@code UNKNOWN_COURSE}, {@code UNKNOWN_VERSION}, {@code CLOCK_SKEW} or {@code TOO_OLD} */
    record RejectedEvent(String eventId, String reason, String message) {}

    /**
     * The caller's own progress in a course.
     *
     * @param started exercises checked at least once
     * @param passed exercises passed at least once
     */
    public record CourseProgress(String course, int started, int passed, List<ExerciseProgress> exercises) {}

    /**
     * Aggregates over every student of a course; never anything about one student.
     *
     * @param students students who checked at least one exercise
     * @param exercises every exercise some student checked, in course (natural) order
     */
    public record CourseStats(String course, long students, List<ExerciseStats> exercises) {}

    /**
     * @param started students who checked the exercise at least once
     * @param passed students who passed it
     * @param medianAttemptsToPass median number of checks up to the first pass, over the students who passed; null
     *     when none did (the mean of the middle two for an even count)
     * @param medianTimeToPassMs median time from the first check to the first pass, in milliseconds, likewise
     * @param dropOff students whose most recent check in the course is of this exercise, which they have not passed
     */
    public record ExerciseStats(
            String exercise,
            long started,
            long passed,
            Double medianAttemptsToPass,
            Long medianTimeToPassMs,
            long dropOff) {}

    /**
     * A course a student has been working on, for the dashboard.
     *
     * @param started exercises checked at least once
     * @param passed exercises passed at least once
     */
    public record CourseActivity(
            String scope, String slug, long started, long passed, java.time.Instant lastAttemptAt) {}
}
