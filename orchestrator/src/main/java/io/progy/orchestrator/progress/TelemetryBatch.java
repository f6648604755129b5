package io.progy.orchestrator.progress;

import com.fasterxml.jackson.databind.JsonNode;
import io.progy.format.CourseName;
import io.progy.format.Exercise;
import io.progy.format.SemVer;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.FieldProblem;
import io.progy.orchestrator.error.ProblemCode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a {@code POST /v1/telemetry/events} body strictly: {@code {"events": [...]}} with 1 to the configured
 * maximum of events, each with exactly the fields of a {@link CheckEvent} (an unknown field, such as one carrying
 * source code, is refused). Every problem is reported at once, by field ({@code events[3].exercise}).
 */
final class TelemetryBatch {

    static final Set<String> FIELDS =
            Set.of("event_id", "course", "version", "exercise", "type", "duration_ms", "occurred_at");

    /** More problems than this are summarised: a client that gets 20 wrong will fix them together. */
    private static final int MAX_REPORTED = 20;

    private final List<FieldProblem> problems = new ArrayList<>();
    private int unreported;

    private TelemetryBatch() {}

    /** The events of {@code body}; throws 400 INVALID_REQUEST naming every bad field. */
    static List<CheckEvent> parse(JsonNode body, int maxEvents) {
        return new TelemetryBatch().read(body, maxEvents);
    }

    private List<CheckEvent> read(JsonNode body, int maxEvents) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalidRequest("body", "must be a JSON object {\"events\": [...]}");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("events")) {
                problem(name, "unknown field: the body has only \"events\"");
            }
        });
        JsonNode events = body.get("events");
        List<CheckEvent> parsed = new ArrayList<>();
        if (events == null || !events.isArray()) {
            problem("events", "is required: an array of events");
        } else if (events.isEmpty() || events.size() > maxEvents) {
            problem("events", "must hold 1 to " + maxEvents + " events, not " + events.size());
        } else {
            for (int i = 0; i < events.size(); i++) {
                CheckEvent event = event(events.get(i), "events[" + i + "]");
                if (event != null) {
                    parsed.add(event);
                }
            }
        }
        if (!problems.isEmpty() || unreported > 0) {
            List<FieldProblem> reported = List.copyOf(problems);
            String detail = reported.stream()
                            .map(p -> p.field() + ": " + p.message())
                            .reduce((a, b) -> a + "; " + b)
                            .orElse("")
                    + (unreported > 0 ? "; and " + unreported + " more" : "");
            throw new ApiException(ProblemCode.INVALID_REQUEST, detail, reported);
        }
        return parsed;
    }

    private CheckEvent event(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            problem(at, "must be an object");
            return null;
        }
        int before = problems.size() + unreported;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problem(
                        at + "." + name,
                        "unknown field: an event has only "
                                + String.join(", ", FIELDS.stream().sorted().toList())
                                + " (no code or output is ever accepted)");
            }
        }
        String eventId = text(node, at, "event_id", 36);
        if (eventId != null && !CheckEvent.UUID.matcher(eventId).matches()) {
            problem(at + ".event_id", "must be a UUID such as 3f2b8c1e-7d4a-4e3b-9a51-0c6d2e8f9b17");
        }
        String courseText = text(node, at, "course", 110);
        CourseName course = null;
        if (courseText != null) {
            var courseProblem = CourseName.problem(courseText);
            if (courseProblem.isPresent()) {
                problem(at + ".course", courseProblem.get());
            } else {
                course = CourseName.parse(courseText);
            }
        }
        String version = text(node, at, "version", 256);
        if (version != null && !SemVer.isValid(version)) {
            problem(at + ".version", "must be a SemVer version such as 1.2.0");
        }
        String exercise = text(node, at, "exercise", 201);
        if (exercise != null && !Exercise.isPortableId(exercise)) {
            problem(
                    at + ".exercise",
                    "must be an exercise id <module>/<exercise> such as 01_basics/01_hello (letters, digits, '.', '_',"
                            + " '-'; at most 100 characters each)");
        }
        String type = text(node, at, "type", 32);
        if (type != null && !type.equals(CheckEvent.PASSED) && !type.equals(CheckEvent.FAILED)) {
            problem(at + ".type", "must be " + CheckEvent.PASSED + " or " + CheckEvent.FAILED);
        }
        long duration = -1;
        JsonNode durationNode = node.get("duration_ms");
        if (durationNode == null || durationNode.isNull()) {
            problem(at + ".duration_ms", "is required");
        } else if (!durationNode.isIntegralNumber()
                || !durationNode.canConvertToLong()
                || durationNode.asLong() < 0
                || durationNode.asLong() > CheckEvent.MAX_DURATION_MS) {
            problem(
                    at + ".duration_ms",
                    "must be a whole number of milliseconds from 0 to " + CheckEvent.MAX_DURATION_MS);
        } else {
            duration = durationNode.asLong();
        }
        String occurredText = text(node, at, "occurred_at", 40);
        OffsetDateTime occurredAt = null;
        if (occurredText != null) {
            try {
                occurredAt = OffsetDateTime.parse(occurredText);
            } catch (DateTimeParseException e) {
                problem(at + ".occurred_at", "must be an RFC 3339 time such as 2026-01-15T09:30:00Z");
            }
        }
        if (problems.size() + unreported > before) {
            return null;
        }
        return new CheckEvent(
                eventId.toLowerCase(Locale.ROOT),
                course,
                version,
                exercise,
                type.equals(CheckEvent.PASSED),
                duration,
                occurredAt.toInstant());
    }

    /** A required string field of at most {@code maxLength} characters; null (and a problem) otherwise. */
    private String text(JsonNode node, String at, String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            problem(at + "." + field, "is required");
            return null;
        }
        if (!value.isTextual()) {
            problem(at + "." + field, "must be a string");
            return null;
        }
        String text = value.asText();
        if (text.isEmpty() || text.length() > maxLength) {
            problem(at + "." + field, "must be 1 to " + maxLength + " characters");
            return null;
        }
        return text;
    }

    private void problem(String field, String message) {
        if (problems.size() < MAX_REPORTED) {
            problems.add(new FieldProblem(field, message));
        } else {
            unreported++;
        }
    }
}
