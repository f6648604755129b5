package io.progy.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.progy.cli.Cli;
import io.progy.cli.ExitCode;
import io.progy.cli.StudentCourses;
import io.progy.orchestrator.ProgyServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks a student runs while the server is down are kept on disk and reach the real server once it is back (the
 * same data, the same port), and with {@code PROGY_TELEMETRY=off} nothing reaches it at all: through the real CLI
 * main against the real orchestrator, looking at what the student's progress says on the server.
 */
class OfflineTelemetryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path work;

    ProgyServer.Running server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    ProgyServer.Running start(int port) {
        return ProgyServer.start(Map.of(
                "progy.data-dir", work.resolve("server-data").toString(),
                "progy.database-url", "",
                "progy.storage", "local",
                "progy.sample-courses", "false",
                "server.address", "127.0.0.1",
                "server.port", Integer.toString(port)));
    }

    @Test
    void checksRunWhileTheServerIsDownAreSentOnceItIsBack() throws Exception {
        server = start(0);
        int port = server.port();
        var instructor = new Cli(work.resolve("instructor-home"), server.url());
        signup(instructor, "ada");
        var course = StudentCourses.course(work.resolve("authoring"), StudentCourses.shellRunner(30));
        var manifest = course.resolve("course.json");
        Files.writeString(manifest, Files.readString(manifest).replace("@test/student", "@ada/shell"));
        var published = instructor.run("publish", course.toString(), "--skip-check");
        assertThat(published.exitCode()).as(published.toString()).isZero();

        var student = new Cli(work.resolve("student-home"), server.url());
        student.env.put("PATH", System.getenv("PATH"));
        signup(student, "ann");
        var workspace = work.resolve("shell");
        var init = student.run("init", "@ada/shell", workspace.toString());
        assertThat(init.exitCode()).as(init.toString()).isZero();
        var queue = work.resolve("student-home/telemetry/queue.jsonl");

        // Online: the check is on the server as soon as `progy test` returns.
        assertThat(student.run("test", "--dir", workspace.toString()).exitCode())
                .isEqualTo(ExitCode.FAILURE);
        var first = hello(progress(port, student));
        assertThat(first.path("attempts").asInt()).isEqualTo(1);
        assertThat(first.path("status").asText()).isEqualTo("started");
        assertThat(queue).doesNotExist();

        // Down: the student works on, unhindered; the checks wait on disk.
        server.close();
        server = null;
        var failed = student.run("test", "--dir", workspace.toString());
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCode.FAILURE);
        StudentCourses.write(workspace.resolve("content/01_basics/01_hello/answer.txt"), "ok\n");
        var passed = student.run("test", "--dir", workspace.toString());
        assertThat(passed.exitCode()).as(passed.toString()).isZero();
        assertThat(passed.err()).doesNotContain("error");
        assertThat(Files.readAllLines(queue)).hasSize(2);

        // Back, on the same port with the same data: the next command that talks to the server sends them.
        server = start(port);
        assertThat(student.run("whoami").exitCode()).isZero();
        assertThat(queue).doesNotExist();
        var row = hello(progress(port, student));
        assertThat(row.path("attempts").asInt()).isEqualTo(3);
        assertThat(row.path("status").asText()).isEqualTo("passed");
        assertThat(row.path("attempts_to_pass").asInt()).isEqualTo(3);

        // PROGY_TELEMETRY=off: checks are neither queued nor sent.
        student.env.put("PROGY_TELEMETRY", "off");
        assertThat(student.run("test", "hello", "--dir", workspace.toString()).exitCode())
                .isZero();
        assertThat(student.run("whoami").exitCode()).isZero();
        assertThat(queue).doesNotExist();
        assertThat(hello(progress(port, student)).path("attempts").asInt()).isEqualTo(3);

        student.env.remove("PROGY_TELEMETRY");
        assertThat(student.run("test", "hello", "--dir", workspace.toString()).exitCode())
                .isZero();
        assertThat(hello(progress(port, student)).path("attempts").asInt()).isEqualTo(4);
    }

    static void signup(Cli cli, String username) {
        var result = cli.runWithInput(
                PASSWORD + "\n",
                "signup",
                "--username",
                username,
                "--email",
                username + "@example.org",
                "--password-stdin");
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    /** The student's progress in @ada/shell as the server has it, read with the student's stored token. */
    JsonNode progress(int port, Cli student) throws IOException, InterruptedException {
        var token = JSON.readTree(Files.readString(Path.of(student.env.get("PROGY_HOME"), "credentials.json")))
                .path("token")
                .asText();
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/progress/ada/shell"))
                                .header("Authorization", "Bearer " + token)
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static JsonNode hello(JsonNode progress) {
        for (var row : progress.path("exercises")) {
            if (row.path("exercise").asText().equals("01_basics/01_hello")) {
                return row;
            }
        }
        throw new AssertionError("no progress on 01_basics/01_hello: " + progress);
    }
}
