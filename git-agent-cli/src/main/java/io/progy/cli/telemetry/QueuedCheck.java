package io.progy.cli.telemetry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.progy.format.CourseName;
import io.progy.format.Exercise;
import io.progy.format.SemVer;

/**
 * One check waiting in the queue: the event the server is sent (every field but {@code server}), and the server to
 * send it to (the one the course was installed from).
 *
 * @param eventId a random UUID: a batch sent again after a lost answer is recognised and not counted twice
 * @param type {@value #PASSED} or {@value #FAILED}
 * @param occurredAt when the check finished, RFC 3339 in UTC
 */
record QueuedCheck(
        String eventId,
        String server,
        String course,
        String version,
        String exercise,
        String type,
        long durationMs,
        String occurredAt) {

    static final String PASSED = "exercise_passed";
    static final String FAILED = "exercise_failed";

    /** The body of this event in {@code POST /v1/telemetry/events}. */
    record Event(
            String eventId,
            String course,
            String version,
            String exercise,
            String type,
            long durationMs,
            String occurredAt) {}

    Event event() {
        return new Event(eventId, course, version, exercise, type, durationMs, occurredAt);
    }

    /** Whether every field is there and of the form the server accepts (a line read back may be damaged). */
    @JsonIgnore
    boolean isValid() {
        return eventId != null
                && server != null
                && course != null
                && CourseName.problem(course).isEmpty()
                && version != null
                && SemVer.isValid(version)
                && exercise != null
                && Exercise.isPortableId(exercise)
                && (PASSED.equals(type) || FAILED.equals(type))
                && durationMs >= 0
                && occurredAt != null;
    }
}
