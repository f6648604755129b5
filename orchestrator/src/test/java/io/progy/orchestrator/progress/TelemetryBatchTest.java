package io.progy.orchestrator.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.progy.format.CourseName;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.FieldProblem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryBatchTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static String event(String exercise) {
        return """
                {"event_id": "3F2B8C1E-7D4A-4E3B-9A51-0C6D2E8F9B17", "course": "@ada/intro", "version": "1.2.0",
                 "exercise": "%s", "type": "exercise_passed", "duration_ms": 1834,
                 "occurred_at": "2026-01-15T10:30:00+01:00"}""".formatted(exercise);
    }

    static List<CheckEvent> parse(String body) throws Exception {
        return TelemetryBatch.parse(JSON.readTree(body), 3);
    }

    static List<String> problems(String body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> TelemetryBatch.parse(tree, 3), ApiException.class);
        assertThat(thrown).as("refused").isNotNull();
        return thrown.errors().stream().map(FieldProblem::field).toList();
    }

    @Test
    void readsAValidEvent() throws Exception {
        assertThat(parse("{\"events\": [" + event("01_basics/01_hello") + "]}"))
                .containsExactly(new CheckEvent(
                        "3f2b8c1e-7d4a-4e3b-9a51-0c6d2e8f9b17",
                        CourseName.parse("@ada/intro"),
                        "1.2.0",
                        "01_basics/01_hello",
                        true,
                        1834,
                        Instant.parse("2026-01-15T09:30:00Z")));
    }

    @Test
    void refusesExerciseIdsThatAreNotTwoPlainSegments() {
        for (var bad : List.of(
                "../x",
                "01/../../x",
                "a/b/c",
                "hello",
                ".git/config",
                "a/.hidden",
                "a/_x",
                "a b/c",
                "a/é",
                "/a",
                "a/")) {
            assertThat(problems("{\"events\": [" + event(bad) + "]}")).as(bad).containsExactly("events[0].exercise");
        }
        assertThat(problems("{\"events\": [" + event("a/" + "x".repeat(101)) + "]}"))
                .containsExactly("events[0].exercise");
    }

    @Test
    void refusesAnyOtherFieldSuchAsCode() {
        var withCode = event("01_a/01_b").replace("{\"event_id\"", "{\"code\": \"class X {}\", \"event_id\"");
        assertThat(problems("{\"events\": [" + withCode + "], \"user\": \"someone-else\"}"))
                .containsExactly("user", "events[0].code");
    }

    @Test
    void namesEveryProblemAtOnce() {
        assertThat(problems("""
                {"events": [{"event_id": 7, "course": "ada/intro", "version": "v1", "exercise": "x",
                  "type": "exercise_skipped", "duration_ms": "12", "occurred_at": "yesterday"}, 3]}"""))
                .containsExactly(
                        "events[0].event_id",
                        "events[0].course",
                        "events[0].version",
                        "events[0].exercise",
                        "events[0].type",
                        "events[0].duration_ms",
                        "events[0].occurred_at",
                        "events[1]");
    }

    @Test
    void boundsTheBatchAndTheDuration() {
        var four = String.join(",", List.of(event("a/b"), event("a/b"), event("a/b"), event("a/b")));
        assertThat(problems("{\"events\": [" + four + "]}")).containsExactly("events");
        assertThat(problems("{\"events\": []}")).containsExactly("events");
        assertThat(problems("{}")).containsExactly("events");
        assertThat(problems("[]")).containsExactly("body");
        assertThat(problems("{\"events\": [" + event("a/b").replace("1834", "86400001") + "]}"))
                .containsExactly("events[0].duration_ms");
        assertThat(problems("{\"events\": [" + event("a/b").replace("1834", "1.5") + "]}"))
                .containsExactly("events[0].duration_ms");
    }

    @Test
    void reportsAtMostTwentyProblemsAndCountsTheRest() {
        var bad = "{\"event_id\": 1}";
        var body = "{\"events\": [" + String.join(",", List.of(bad, bad, bad)) + "]}";
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(ApiException.class)
                .hasMessageEndingWith("and 1 more")
                .satisfies(e -> assertThat(((ApiException) e).errors()).hasSize(20));
    }
}
