package io.progy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code progy test} reports about each check, when, to whom, and how {@code PROGY_TELEMETRY} and
 * {@code progy config telemetry} turn it off; against the in-test server.
 */
class TelemetryCommandsTest {
    @TempDir
    Path tmp;

    FakeProgyServer server;
    Path home;
    Path work;
    Cli cli;
    String token;

    @BeforeEach
    void start() throws IOException {
        server = new FakeProgyServer();
        home = tmp.resolve("home");
        work = workspace(tmp.resolve("course"), server.url());
        cli = new Cli(home, server.url());
        cli.env.put("PATH", System.getenv("PATH"));
        token = server.issueToken("ann");
        cli.env.put("PROGY_TOKEN", token);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The shell-check course installed as `progy init` leaves it, from {@code origin}. */
    static Path workspace(Path dir, String origin) throws IOException {
        StudentCourses.course(dir, StudentCourses.shellRunner(30));
        StudentCourses.write(dir.resolve("progy.toml"), """
                course = "@test/student"
                version = "1.0.0"
                sha256 = "%s"
                server = "%s"
                repo_url = ""
                """.formatted("0".repeat(64), origin));
        return dir;
    }

    Path queue() {
        return home.resolve("telemetry/queue.jsonl");
    }

    long queued() throws IOException {
        return Files.exists(queue()) ? Files.readAllLines(queue()).size() : 0;
    }

    List<JsonNode> received(String user) {
        return server.events.getOrDefault(user, List.of());
    }

    @Test
    void eachCheckIsSentRightAfterItWithNothingButItsOutcome() throws IOException {
        Instant before = Instant.now();
        var failed = cli.run("test", "--dir", work.toString());
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        StudentCourses.write(work.resolve("content/01_basics/01_hello/answer.txt"), "ok\n");
        var passed = cli.run("test", "--dir", work.toString());
        assertThat(passed.exitCode()).as(passed.toString()).isZero();

        var events = received("ann");
        assertThat(events).hasSize(2);
        for (var event : events) {
            assertThat(StreamSupport.stream(((Iterable<String>) event::fieldNames).spliterator(), false))
                    .containsExactlyInAnyOrder(
                            "event_id", "course", "version", "exercise", "type", "duration_ms", "occurred_at");
            UUID.fromString(event.path("event_id").asText());
            assertThat(event.path("course").asText()).isEqualTo("@test/student");
            assertThat(event.path("version").asText()).isEqualTo("1.0.0");
            assertThat(event.path("exercise").asText()).isEqualTo("01_basics/01_hello");
            assertThat(event.path("duration_ms").asLong()).isBetween(0L, 60_000L);
            assertThat(Instant.parse(event.path("occurred_at").asText())).isBetween(before, Instant.now());
        }
        assertThat(events.get(0).path("type").asText()).isEqualTo("exercise_failed");
        assertThat(events.get(1).path("type").asText()).isEqualTo("exercise_passed");
        assertThat(events.get(0).path("event_id")).isNotEqualTo(events.get(1).path("event_id"));
        assertThat(queued()).isZero();
        assertThat(server.count("POST /v1/telemetry/events")).isEqualTo(2);
    }

    @Test
    void watchSendsEachCheckInTheBackground() throws IOException {
        var result = cli.runWithInput("q\n", "watch", "--dir", work.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("failed");
        assertThat(received("ann"))
                .singleElement()
                .satisfies(event -> assertThat(event.path("type").asText()).isEqualTo("exercise_failed"));
        assertThat(queued()).isZero();
    }

    @Test
    void aServerErrorKeepsTheChecksAndARefusalDropsThem() throws IOException {
        server.eventsStatus = 503;
        assertThat(cli.run("test", "--dir", work.toString()).exitCode()).isEqualTo(1);
        assertThat(cli.run("test", "--dir", work.toString()).exitCode()).isEqualTo(1);
        assertThat(queued()).isEqualTo(2);

        server.eventsStatus = 200;
        var result = cli.run("test", "--dir", work.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(received("ann")).hasSize(3);
        assertThat(queued()).isZero();

        // A batch the server calls malformed can never succeed: it is dropped, not retried forever.
        server.eventsStatus = 400;
        cli.run("test", "--dir", work.toString());
        assertThat(queued()).isZero();
        assertThat(received("ann")).hasSize(3);
    }

    @Test
    void withoutALoginChecksStayQueuedAndGoOutAfterLogin() throws IOException {
        cli.env.remove("PROGY_TOKEN");
        server.addUser("ann", "correct horse battery");
        cli.run("test", "--dir", work.toString());
        cli.run("test", "--dir", work.toString());
        assertThat(queued()).isEqualTo(2);
        assertThat(server.count("POST /v1/telemetry/events")).isZero();

        var login = cli.runWithInput("correct horse battery\n", "login", "--username", "ann", "--password-stdin");
        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(received("ann")).hasSize(2);
        assertThat(queued()).isZero();
    }

    @Test
    void progyTokenNeverGoesToAServerTheRunDoesNotTalkTo() throws IOException {
        try (var elsewhere = new FakeProgyServer()) {
            elsewhere.issueToken("ann"); // a valid token there would be accepted: it must simply never be sent
            var foreign = workspace(tmp.resolve("foreign"), elsewhere.url());
            cli.run("test", "--dir", foreign.toString());
            assertThat(elsewhere.requests).isEmpty();
            assertThat(received("ann")).isEmpty();
            assertThat(queued()).isEqualTo(1);

            // Logged in there (stored credentials for that server), the queued check goes there.
            elsewhere.addUser("bea", "correct horse battery");
            var login = cli.runWithInput(
                    "correct horse battery\n",
                    "login",
                    "--server",
                    elsewhere.url(),
                    "--username",
                    "bea",
                    "--password-stdin");
            assertThat(login.exitCode()).as(login.toString()).isZero();
            assertThat(elsewhere.events.get("bea")).hasSize(1);
            assertThat(queued()).isZero();
            assertThat(elsewhere.requests)
                    .filteredOn(r -> r.startsWith("POST /v1/telemetry"))
                    .hasSize(1);
        }
    }

    @Test
    void progyTelemetryOffRecordsAndSendsNothing() throws IOException {
        server.eventsStatus = 503;
        cli.run("test", "--dir", work.toString()); // queued while the server fails
        server.eventsStatus = 200;
        cli.env.put("PROGY_TELEMETRY", "off");
        var result = cli.run("test", "--dir", work.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(queued()).as("nothing added, the earlier check kept").isEqualTo(1);
        assertThat(server.count("POST /v1/telemetry/events")).isEqualTo(1);
        assertThat(received("ann")).isEmpty();

        var shown = cli.run("config");
        assertThat(shown.out()).isEqualTo("telemetry = on" + System.lineSeparator());
        assertThat(shown.err()).contains("off for now: PROGY_TELEMETRY is set to 'off'");
    }

    @Test
    void configTelemetryOffDeletesTheQueueAndStopsRecording() throws IOException {
        cli.env.remove("PROGY_TOKEN");
        cli.run("test", "--dir", work.toString());
        assertThat(queued()).isEqualTo(1);

        var off = cli.run("config", "telemetry", "off");
        assertThat(off.exitCode()).as(off.toString()).isZero();
        assertThat(off.out()).isEqualTo("telemetry = off" + System.lineSeparator());
        assertThat(off.err()).contains("deleted 1 queued and unsent");
        assertThat(home.resolve("settings.json"))
                .content()
                .contains("\"telemetry\"")
                .contains("\"off\"");
        assertThat(queued()).isZero();

        cli.env.put("PROGY_TOKEN", token);
        cli.run("test", "--dir", work.toString());
        assertThat(queued()).isZero();
        assertThat(server.count("POST /v1/telemetry/events")).isZero();
        var json = cli.run("config", "telemetry", "--format", "json");
        assertThat(json.out()).contains("\"telemetry\" : \"off\"").contains("\"queued_checks\" : 0");

        assertThat(cli.run("config", "telemetry", "on").exitCode()).isZero();
        cli.run("test", "--dir", work.toString());
        assertThat(received("ann")).hasSize(1);

        assertThat(cli.run("config", "telemetry", "maybe").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.run("config", "colour").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aCourseWithoutProgyTomlReportsNothing() throws IOException {
        var authoring = StudentCourses.course(tmp.resolve("authoring"), StudentCourses.shellRunner(30));
        cli.run("test", "--dir", authoring.toString());
        assertThat(queued()).isZero();
        assertThat(server.requests).isEmpty();
    }

    @Test
    void aServerThatDoesNotAnswerCostsTheStudentAtMostTheBound() throws Exception {
        try (var silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // Accepts connections (the kernel's backlog) and never answers.
            var url = "http://127.0.0.1:" + silent.getLocalPort();
            var slow = workspace(tmp.resolve("slow"), url);
            cli.env.put("PROGY_SERVER", url);
            long start = System.nanoTime();
            var result = cli.run("test", "--dir", slow.toString());
            var took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).contains("failed");
            // The check itself takes milliseconds; without the bound, the request would wait a minute.
            assertThat(took).isLessThan(Duration.ofSeconds(6));
            assertThat(queued()).isEqualTo(1);
        }
    }
}
