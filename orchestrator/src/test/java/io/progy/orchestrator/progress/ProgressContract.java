package io.progy.orchestrator.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.format.Sha256;
import io.progy.orchestrator.config.Sql;
import io.progy.orchestrator.support.TestAccounts;
import io.progy.orchestrator.support.TestAccounts.Account;
import io.progy.orchestrator.support.TestCourses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * Check events, a student's progress, a course owner's statistics and download numbers, against the real server
 * on a random port with a seeded set of users and events. Each subclass runs it on one database.
 */
abstract class ProgressContract {

    static final String PASSED = "exercise_passed";
    static final String FAILED = "exercise_failed";
    static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {};

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient autowiredClient;

    @Autowired
    DatabaseClient db;

    @TempDir
    Path work;

    WebTestClient client;
    TestCourses courses;

    @BeforeEach
    void setUpClient() {
        client =
                autowiredClient.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        courses = new TestCourses(work);
    }

    // ------------------------------------------------------------------ statistics

    @Test
    @SuppressWarnings("unchecked")
    void statsAggregateEveryStudentExactly() {
        Account owner = signup("owner");
        String course = publish(owner, "stats", "1.0.0", "1.1.0");
        Account other = signup("other");
        String otherCourse = publish(other, "elsewhere", "1.0.0");
        Instant t0 = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        String hello = "01_basics/01_hello";
        String loops = "01_basics/02_loops";
        String strings = "02_more/2_strings";
        String arrays = "02_more/10_arrays";

        Account s1 = signup("s1");
        accepted(
                s1,
                5,
                List.of(
                        event(course, "1.0.0", hello, FAILED, t0),
                        event(course, "1.0.0", hello, FAILED, t0.plusSeconds(30)),
                        event(course, "1.0.0", hello, PASSED, t0.plusSeconds(60)),
                        event(course, "1.0.0", loops, PASSED, t0.plusSeconds(100)),
                        event(course, "1.0.0", strings, FAILED, t0.plusSeconds(200))));
        // Another course's events count for that course only, even when they are the student's latest.
        accepted(s1, 1, List.of(event(otherCourse, "1.0.0", hello, FAILED, t0.plusSeconds(900))));

        Account s2 = signup("s2");
        accepted(
                s2,
                7,
                List.of(
                        event(course, "1.0.0", hello, FAILED, t0),
                        event(course, "1.0.0", hello, PASSED, t0.plusSeconds(120)),
                        event(course, "1.0.0", arrays, FAILED, t0.plusSeconds(130)),
                        event(course, "1.1.0", loops, FAILED, t0.plusSeconds(140)),
                        event(course, "1.1.0", loops, FAILED, t0.plusSeconds(150)),
                        event(course, "1.1.0", loops, FAILED, t0.plusSeconds(160)),
                        event(course, "1.1.0", loops, PASSED, t0.plusSeconds(230))));

        // A pass first, and in a later batch an earlier failure (a second machine coming back online): the
        // first pass stays, but it took two attempts and 100 s.
        Account s3 = signup("s3");
        accepted(s3, 1, List.of(event(course, "1.0.0", hello, PASSED, t0.plusSeconds(500))));
        accepted(s3, 1, List.of(event(course, "1.0.0", hello, FAILED, t0.plusSeconds(400))));

        Account s4 = signup("s4");
        accepted(s4, 1, List.of(event(course, "1.0.0", hello, FAILED, t0.plusSeconds(10))));

        Map<String, Object> stats = ok(stats(owner, course));
        assertThat(stats).containsEntry("course", course).containsEntry("students", 4);
        assertThat((List<Map<String, Object>>) stats.get("exercises"))
                .containsExactly(
                        exerciseStats(hello, 4, 3, 2.0, 100_000, 1),
                        exerciseStats(loops, 2, 2, 2.5, 45_000, 0),
                        exerciseStats(strings, 1, 0, null, null, 1),
                        exerciseStats(arrays, 1, 0, null, null, 0));
        assertThat(stats.toString()).doesNotContain(s1.username(), s2.username(), s3.username(), s4.username());

        // The students' own views of the same data.
        Map<String, Object> mine = ok(progress(s1, course));
        assertThat(mine)
                .containsEntry("course", course)
                .containsEntry("started", 3)
                .containsEntry("passed", 2);
        assertThat((List<Map<String, Object>>) mine.get("exercises"))
                .containsExactly(
                        progressRow(hello, "passed", 3, t0, t0.plusSeconds(60), 3, t0.plusSeconds(60), "1.0.0"),
                        progressRow(
                                loops,
                                "passed",
                                1,
                                t0.plusSeconds(100),
                                t0.plusSeconds(100),
                                1,
                                t0.plusSeconds(100),
                                "1.0.0"),
                        progressRow(
                                strings, "started", 1, t0.plusSeconds(200), null, null, t0.plusSeconds(200), "1.0.0"));
        Map<String, Object> theirs = ok(progress(s3, course));
        assertThat((List<Map<String, Object>>) theirs.get("exercises"))
                .containsExactly(progressRow(
                        hello, "passed", 2, t0.plusSeconds(400), t0.plusSeconds(500), 2, t0.plusSeconds(500), "1.0.0"));
        Map<String, Object> s2Loops =
                ((List<Map<String, Object>>) ok(progress(s2, course)).get("exercises")).get(1);
        assertThat(s2Loops).containsEntry("exercise", loops).containsEntry("last_version", "1.1.0");

        // The owner sees the aggregates of their course only; the other course's owner sees their own.
        Map<String, Object> otherStats = ok(stats(other, otherCourse));
        assertThat(otherStats).containsEntry("students", 1);
        assertThat((List<Map<String, Object>>) otherStats.get("exercises"))
                .containsExactly(exerciseStats(hello, 1, 0, null, null, 1));
    }

    // ------------------------------------------------------------------ security

    @Test
    void aStudentSeesOnlyTheirOwnProgressAndOnlyTheOwnerSeesStats() {
        Account owner = signup("own");
        String course = publish(owner, "private-stats", "1.0.0");
        Account ann = signup("ann");
        Account bob = signup("bob");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        accepted(ann, 1, List.of(event(course, "1.0.0", "01_a/01_b", PASSED, now)));

        progress(ann, course)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.exercises.length()")
                .isEqualTo(1)
                .jsonPath("$.exercises[0].status")
                .isEqualTo("passed");
        // Bob asks for the same course: he gets his own (empty) progress, never Ann's.
        progress(bob, course)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.course")
                .isEqualTo(course)
                .jsonPath("$.started")
                .isEqualTo(0)
                .jsonPath("$.exercises.length()")
                .isEqualTo(0);
        progress(owner, course)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.exercises.length()")
                .isEqualTo(0);

        problem(stats(ann, course), 403, "FORBIDDEN")
                .jsonPath("$.detail")
                .isEqualTo("only the owner of " + course + " can read its statistics");
        problem(stats(owner, "@" + owner.username() + "/no-such-course"), 404, "NOT_FOUND");
        problem(progress(ann, "@" + owner.username() + "/no-such-course"), 404, "NOT_FOUND");
        problem(
                client.get()
                        .uri("/v1/instructor/courses/{s}/{c}/stats", "Bad_Scope", "x")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                        .exchange(),
                400,
                "INVALID_NAME");

        client.get()
                .uri("/v1/progress/{s}/{c}", owner.username(), "private-stats")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client.get()
                .uri("/v1/instructor/courses/{s}/{c}/stats", owner.username(), "private-stats")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client.post()
                .uri("/v1/telemetry/events")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("events", List.of(event(course, "1.0.0", "01_a/01_b", PASSED, now))))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void eachOperationNeedsItsTokenScope() {
        Account owner = signup("scopes");
        String course = publish(owner, "scoped", "1.0.0");
        Account readOnly = withScopes(owner, "read");
        Account progressOnly = withScopes(owner, "progress");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        forbiddenScope(postEvents(readOnly, List.of(event(course, "1.0.0", "01_a/01_b", PASSED, now))), "progress");
        forbiddenScope(progress(readOnly, course), "progress");
        forbiddenScope(stats(progressOnly, course), "read");
        assertThat(countEvents(owner)).isZero();

        accepted(progressOnly, 1, List.of(event(course, "1.0.0", "01_a/01_b", PASSED, now)));
        progress(progressOnly, course).expectStatus().isOk();
        stats(readOnly, course)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.students")
                .isEqualTo(1);
    }

    // ------------------------------------------------------------------ idempotency

    @Test
    @SuppressWarnings("unchecked")
    void aReplayedBatchChangesNothing() {
        Account owner = signup("idem");
        String course = publish(owner, "replay", "1.0.0");
        Account student = signup("retry");
        Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, Object>> batch = List.of(
                event(course, "1.0.0", "01_a/01_b", FAILED, t0),
                event(course, "1.0.0", "01_a/01_b", PASSED, t0.plusSeconds(5)),
                event(course, "1.0.0", "01_a/02_c", FAILED, t0.plusSeconds(9)));
        accepted(student, 3, batch);
        Map<String, Object> before = ok(progress(student, course));

        postEvents(student, batch)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.accepted")
                .isEqualTo(0)
                .jsonPath("$.duplicates")
                .isEqualTo(3)
                .jsonPath("$.rejected.length()")
                .isEqualTo(0);
        // The same ids with other content are still the same events: ignored.
        List<Map<String, Object>> altered = new ArrayList<>();
        for (Map<String, Object> event : batch) {
            Map<String, Object> copy = new HashMap<>(event);
            copy.put("type", PASSED);
            altered.add(copy);
        }
        postEvents(student, altered)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.duplicates")
                .isEqualTo(3);
        // One id twice in a batch is stored once.
        Map<String, Object> twice = event(course, "1.0.0", "01_a/02_c", PASSED, t0.plusSeconds(20));
        postEvents(student, List.of(twice, twice))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.accepted")
                .isEqualTo(1)
                .jsonPath("$.duplicates")
                .isEqualTo(1);
        assertThat(countEvents(student)).isEqualTo(4);

        Map<String, Object> after = ok(progress(student, course));
        assertThat(((List<Map<String, Object>>) after.get("exercises")).get(0))
                .isEqualTo(((List<Map<String, Object>>) before.get("exercises")).get(0));
        assertThat(((List<Map<String, Object>>) after.get("exercises")).get(1))
                .containsEntry("status", "passed")
                .containsEntry("attempts", 2)
                .containsEntry("attempts_to_pass", 2);
    }

    @Test
    void concurrentRetriesOfOneBatchStoreItOnce() {
        Account owner = signup("race");
        String course = publish(owner, "race", "1.0.0");
        Account student = signup("racer");
        Instant t0 = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(event(course, "1.0.0", "01_a/01_b", i == 9 ? PASSED : FAILED, t0.plusSeconds(i)));
        }
        WebClient web = WebClient.create("http://127.0.0.1:" + port);
        List<Map<String, Object>> answers = Flux.range(0, 8)
                .flatMap(
                        i -> web.post()
                                .uri("/v1/telemetry/events")
                                .header(HttpHeaders.AUTHORIZATION, "Bearer " + student.token())
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("events", batch))
                                .retrieve()
                                .bodyToMono(JSON_OBJECT),
                        8)
                .collectList()
                .block(Duration.ofSeconds(60));
        assertThat(answers).hasSize(8);
        assertThat(answers.stream().mapToInt(a -> (Integer) a.get("accepted")).sum())
                .isEqualTo(10);
        assertThat(answers.stream().mapToInt(a -> (Integer) a.get("duplicates")).sum())
                .isEqualTo(70);
        assertThat(countEvents(student)).isEqualTo(10);
        progress(student, course)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.exercises[0].attempts")
                .isEqualTo(10)
                .jsonPath("$.exercises[0].attempts_to_pass")
                .isEqualTo(10);
    }

    // ------------------------------------------------------------------ validation

    @Test
    void eventsThatCanNeverBeStoredAreRejectedOneByOne() {
        Account owner = signup("rej");
        String course = publish(owner, "rejects", "1.0.0");
        Account student = signup("clock");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> good = event(course, "1.0.0", "01_a/01_b", PASSED, now);
        Map<String, Object> unknownCourse =
                event("@" + owner.username() + "/nothing", "1.0.0", "01_a/01_b", PASSED, now);
        Map<String, Object> unknownVersion = event(course, "9.9.9", "01_a/01_b", PASSED, now);
        Map<String, Object> future = event(course, "1.0.0", "01_a/01_b", PASSED, now.plus(Duration.ofHours(1)));
        Map<String, Object> old = event(course, "1.0.0", "01_a/01_b", PASSED, now.minus(Duration.ofDays(31)));
        Map<String, Object> slightlyAhead = event(course, "1.0.0", "01_a/02_c", FAILED, now.plusSeconds(60));

        postEvents(student, List.of(good, unknownCourse, unknownVersion, future, old, slightlyAhead))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.accepted")
                .isEqualTo(2)
                .jsonPath("$.duplicates")
                .isEqualTo(0)
                .jsonPath("$.rejected.length()")
                .isEqualTo(4)
                .jsonPath("$.rejected[0].event_id")
                .isEqualTo(unknownCourse.get("event_id"))
                .jsonPath("$.rejected[0].reason")
                .isEqualTo("UNKNOWN_COURSE")
                .jsonPath("$.rejected[1].reason")
                .isEqualTo("UNKNOWN_VERSION")
                .jsonPath("$.rejected[2].reason")
                .isEqualTo("CLOCK_SKEW")
                .jsonPath("$.rejected[3].event_id")
                .isEqualTo(old.get("event_id"))
                .jsonPath("$.rejected[3].reason")
                .isEqualTo("TOO_OLD");
        assertThat(countEvents(student)).isEqualTo(2);
    }

    @Test
    void aMalformedBatchIsRefusedWholeWithEveryProblemNamed() {
        Account owner = signup("bad");
        String course = publish(owner, "strict", "1.0.0");
        Account student = signup("sloppy");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> withCode = new HashMap<>(event(course, "1.0.0", "01_a/01_b", PASSED, now));
        withCode.put("source", "class Exercise { /* the student's code */ }");
        Map<String, Object> badExercise = new HashMap<>(event(course, "1.0.0", "../../etc/passwd", PASSED, now));
        badExercise.put("duration_ms", -1);
        badExercise.put("event_id", "not-a-uuid");
        Map<String, Object> badType = new HashMap<>(event(course, "1.0", "01_a/01_b", "exercise_skipped", now));
        badType.remove("occurred_at");

        problem(postEvents(student, List.of(withCode, badExercise, badType)), 400, "INVALID_REQUEST")
                .jsonPath("$.errors[?(@.field == 'events[0].source')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'events[1].event_id')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'events[1].exercise')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'events[1].duration_ms')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'events[2].version')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'events[2].type')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'events[2].occurred_at')]")
                .exists()
                .jsonPath("$.errors.length()")
                .isEqualTo(7);
        assertThat(countEvents(student)).isZero();

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(event(course, "1.0.0", "01_a/01_b", FAILED, now));
        }
        problem(postEvents(student, tooMany), 400, "INVALID_REQUEST")
                .jsonPath("$.errors[0].field")
                .isEqualTo("events");
        problem(postEvents(student, List.of()), 400, "INVALID_REQUEST");
        problem(
                client.post()
                        .uri("/v1/telemetry/events")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + student.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"events\": [")
                        .exchange(),
                400,
                "INVALID_REQUEST");
        assertThat(countEvents(student)).isZero();
    }

    // ------------------------------------------------------------------ downloads

    @SuppressWarnings("unchecked")
    private static int thisWeek(Map<String, Object> stats) {
        var weeks = (List<Map<String, Object>>) stats.get("weeks");
        return (Integer) weeks.get(weeks.size() - 1).get("downloads");
    }

    @Test
    @SuppressWarnings("unchecked")
    void downloadsAreAggregatedPerWeekAndVersion() {
        Account owner = signup("dl");
        String course = publish(owner, "downloads", "1.0.0", "1.1.0");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        addDownloads(owner, "downloads", "1.0.0", today, 3);
        addDownloads(owner, "downloads", "1.0.0", today.minusDays(7), 2);
        addDownloads(owner, "downloads", "1.1.0", today, 4);
        addDownloads(owner, "downloads", "1.1.0", today.minusWeeks(20), 10);

        Map<String, Object> stats = ok(downloadStats(owner, "downloads", ""));
        assertThat(stats).containsEntry("name", course).containsEntry("total_downloads", 19);
        List<Map<String, Object>> weeks = (List<Map<String, Object>>) stats.get("weeks");
        assertThat(weeks).hasSize(12);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        assertThat(weeks.get(11))
                .isEqualTo(Map.of(
                        "week_start", monday.toString(),
                        "downloads", 7,
                        "versions",
                                List.of(
                                        Map.of("version", "1.1.0", "downloads", 4),
                                        Map.of("version", "1.0.0", "downloads", 3))));
        assertThat(weeks.get(10))
                .isEqualTo(Map.of(
                        "week_start", monday.minusWeeks(1).toString(),
                        "downloads", 2,
                        "versions", List.of(Map.of("version", "1.0.0", "downloads", 2))));
        assertThat(weeks.get(0))
                .isEqualTo(
                        Map.of("week_start", monday.minusWeeks(11).toString(), "downloads", 0, "versions", List.of()));

        // A real download reaches the numbers once the server has written its counts.
        client.get()
                .uri("/v1/registry/download/{s}/{c}/{v}", owner.username(), "downloads", "1.0.0")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<String, Object> later;
        do {
            later = ok(downloadStats(owner, "downloads", "?weeks=2"));
            // The total and the weeks are two reads: the counts may land between them, so wait for both.
        } while ((((Integer) later.get("total_downloads")) < 20 || thisWeek(later) < 8)
                && System.nanoTime() < deadline);
        assertThat(later).containsEntry("total_downloads", 20);
        assertThat((List<Map<String, Object>>) later.get("weeks")).hasSize(2);
        assertThat(((List<Map<String, Object>>) later.get("weeks")).get(1)).containsEntry("downloads", 8);

        problem(downloadStats(owner, "downloads", "?weeks=0"), 400, "INVALID_REQUEST");
        problem(downloadStats(owner, "downloads", "?weeks=53"), 400, "INVALID_REQUEST");
        problem(downloadStats(owner, "no-such-course", ""), 404, "NOT_FOUND");
    }

    // ------------------------------------------------------------------ helpers

    static Map<String, Object> event(String course, String version, String exercise, String type, Instant at) {
        Map<String, Object> event = new HashMap<>();
        event.put("event_id", UUID.randomUUID().toString());
        event.put("course", course);
        event.put("version", version);
        event.put("exercise", exercise);
        event.put("type", type);
        event.put("duration_ms", 1234);
        event.put("occurred_at", at.toString());
        return event;
    }

    static Map<String, Object> exerciseStats(
            String exercise, int started, int passed, Double medianAttempts, Integer medianMs, int dropOff) {
        Map<String, Object> row = new HashMap<>();
        row.put("exercise", exercise);
        row.put("started", started);
        row.put("passed", passed);
        row.put("median_attempts_to_pass", medianAttempts);
        row.put("median_time_to_pass_ms", medianMs);
        row.put("drop_off", dropOff);
        return row;
    }

    static Map<String, Object> progressRow(
            String exercise,
            String status,
            int attempts,
            Instant first,
            Instant passedAt,
            Integer toPass,
            Instant last,
            String version) {
        Map<String, Object> row = new HashMap<>();
        row.put("exercise", exercise);
        row.put("status", status);
        row.put("attempts", attempts);
        row.put("first_attempt_at", first.toString());
        row.put("first_passed_at", passedAt == null ? null : passedAt.toString());
        row.put("attempts_to_pass", toPass);
        row.put("last_attempt_at", last.toString());
        row.put("last_version", version);
        return row;
    }

    void accepted(Account account, int count, List<Map<String, Object>> events) {
        postEvents(account, events)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.accepted")
                .isEqualTo(count)
                .jsonPath("$.duplicates")
                .isEqualTo(0)
                .jsonPath("$.rejected.length()")
                .isEqualTo(0);
    }

    WebTestClient.ResponseSpec postEvents(Account account, List<Map<String, Object>> events) {
        return client.post()
                .uri("/v1/telemetry/events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("events", events))
                .exchange();
    }

    WebTestClient.ResponseSpec progress(Account account, String course) {
        String[] parts = course.substring(1).split("/");
        return client.get()
                .uri("/v1/progress/{s}/{c}", parts[0], parts[1])
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.token())
                .exchange();
    }

    WebTestClient.ResponseSpec stats(Account account, String course) {
        String[] parts = course.substring(1).split("/");
        return client.get()
                .uri("/v1/instructor/courses/{s}/{c}/stats", parts[0], parts[1])
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.token())
                .exchange();
    }

    WebTestClient.ResponseSpec downloadStats(Account owner, String slug, String query) {
        return client.get()
                .uri("/v1/registry/stats/" + owner.username() + "/" + slug + query)
                .exchange();
    }

    /** The body of a 200 answer. */
    static Map<String, Object> ok(WebTestClient.ResponseSpec response) {
        return response.expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    static WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status, String code) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code)
                .jsonPath("$.detail")
                .isNotEmpty();
    }

    /** 403, and the detail names the missing scope. */
    static void forbiddenScope(WebTestClient.ResponseSpec response, String scope) {
        response.expectStatus().isForbidden().expectBody().jsonPath("$.detail").value(detail -> assertThat(
                        (String) detail)
                .contains("'" + scope + "' scope"));
    }

    Account signup(String prefix) {
        return TestAccounts.signup(client, prefix);
    }

    /** Another token of {@code account}'s user with only these scopes, stored as the server stores tokens. */
    Account withScopes(Account account, String scopes) {
        String token = "progy_" + UUID.randomUUID().toString().replace("-", "") + "scoped0000a";
        long userId = userId(account);
        db.sql("INSERT INTO api_tokens (user_id, public_id, name, token_hash, scopes, created_at, expires_at)"
                        + " VALUES (:user, :public, :name, :hash, :scopes, :now, :expires)")
                .bind("user", userId)
                .bind("public", "tok_" + UUID.randomUUID())
                .bind("name", "scoped")
                .bind("hash", Sha256.hex(Sha256.newDigest().digest(token.getBytes(StandardCharsets.UTF_8))))
                .bind("scopes", scopes)
                .bind("now", Sql.now())
                .bind("expires", Sql.timestamp(Instant.now().plus(Duration.ofDays(1))))
                .then()
                .block(Duration.ofSeconds(30));
        return new Account(account.username(), token);
    }

    long userId(Account account) {
        return db.sql("SELECT id FROM users WHERE username = :u")
                .bind("u", account.username())
                .map(row -> ((Number) row.get(0)).longValue())
                .one()
                .block(Duration.ofSeconds(30));
    }

    long countEvents(Account account) {
        return db.sql("SELECT COUNT(*) FROM check_events e JOIN users u ON u.id = e.user_id WHERE u.username = :u")
                .bind("u", account.username())
                .map(row -> ((Number) row.get(0)).longValue())
                .one()
                .block(Duration.ofSeconds(30));
    }

    /** Seeds download counts, as the registry's counter writes them. */
    void addDownloads(Account owner, String slug, String version, LocalDate day, long count) {
        db.sql("INSERT INTO download_counts (version_id, download_day, downloads)"
                        + " SELECT v.id, :day, :n FROM package_versions v JOIN packages p ON p.id = v.package_id"
                        + " WHERE p.scope = :scope AND p.slug = :slug AND v.version = :version")
                .bind("day", day)
                .bind("n", count)
                .bind("scope", owner.username())
                .bind("slug", slug)
                .bind("version", version)
                .fetch()
                .rowsUpdated()
                .doOnNext(rows -> assertThat(rows).isEqualTo(1))
                .block(Duration.ofSeconds(30));
    }

    /** Publishes {@code @<owner>/<slug>} in each of {@code versions}; returns the course name. */
    String publish(Account owner, String slug, String... versions) {
        String name = "@" + owner.username() + "/" + slug;
        for (String version : versions) {
            try {
                TestAccounts.publish(client, owner, courses.pack(name, version).archive());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return name;
    }
}
