package io.progy.cli.start;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.cli.Cli;
import io.progy.cli.EmbeddedServer;
import io.progy.cli.StudentCourses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code progy start} on a workspace made by {@code progy init}: a pass checked from the page is committed and
 * uploaded in the background, and the git panel's Save uploads too, to the student's progress repository on the real
 * orchestrator.
 */
class StartSyncIT {
    static final String PASSWORD = "correct horse battery";
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aPassAndASaveFromThePageReachTheProgressRepository() throws Exception {
        try (var server = EmbeddedServer.startUnlimited(work.resolve("server-data"))) {
            var instructor = new Cli(work.resolve("teach-home"), server.url());
            instructor.signup("teach", PASSWORD);
            var source = StudentCourses.course(
                    work.resolve("course"),
                    "@teach/web",
                    StudentCourses.shellRunner(30),
                    "01_basics",
                    "01_hello",
                    "02_bye");
            assertThat(instructor
                            .run("publish", source.toString(), "--skip-check")
                            .exitCode())
                    .isZero();
            var home = work.resolve("ana-home");
            var student = new Cli(home, server.url());
            student.signup("ana", PASSWORD);
            var dir = work.resolve("web");
            var init = student.run("init", "@teach/web", dir.toString());
            assertThat(init.exitCode()).as("%s", init).isZero();

            try (var progy = StartedProgy.start(dir, home, Map.of("PROGY_SERVER", server.url()))) {
                StudentCourses.write(dir.resolve("content/01_basics/01_hello/answer.txt"), "ok\n");
                var run = post(progy, "/api/run", "{\"exercise\": \"01_basics/01_hello\"}");
                assertThat(run.status()).as(run.body()).isEqualTo(200);
                awaitUploaded(dir, "Lesson 01_basics/01_hello: completed");

                StudentCourses.write(dir.resolve("content/01_basics/02_bye/notes.txt"), "from the page\n");
                var save = post(progy, "/api/git/save", "{\"message\": \"Notes from the browser\"}");
                assertThat(save.status()).as(save.body()).isEqualTo(200);
                var outcome = JSON.readTree(save.body());
                assertThat(outcome.path("ok").asBoolean()).as(save.body()).isTrue();
                assertThat(outcome.path("message").asText())
                        .startsWith("Saved: Notes from the browser (")
                        .endsWith("). Uploaded 1 commit to your progress repository.");
                var status = JSON.readTree(RawHttp.send(progy.port, "GET", "/api/git", own(progy), null)
                        .body());
                assertThat(status.path("not_uploaded").asInt()).isZero();
                assertThat(status.path("note").isNull()).as("%s", status).isTrue();
                assertThat(status.path("recent").path(0).path("message").asText())
                        .isEqualTo("Notes from the browser");
                assertThat(status.path("recent").path(0).path("uploaded").asBoolean())
                        .isTrue();
                assertThat(status.path("recent").path(1).path("message").asText())
                        .isEqualTo("Lesson 01_basics/01_hello: completed");
            }
            awaitUploaded(dir, "Notes from the browser");
        }
    }

    /** Waits until the workspace's record of the server's main branch ends with {@code message}. */
    private static void awaitUploaded(Path dir, String message) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (var git = Git.open(dir.toFile())) {
                var uploaded = git.getRepository().resolve("refs/remotes/origin/main");
                var last = uploaded == null
                        ? null
                        : git.getRepository().parseCommit(uploaded).getShortMessage();
                if (message.equals(last)) {
                    return;
                }
                assertThat(System.nanoTime())
                        .as("waiting for %s to be uploaded; last: %s", message, last)
                        .isLessThan(deadline);
            }
            Thread.sleep(100);
        }
    }

    private static RawHttp.Response post(StartedProgy progy, String path, String json) throws Exception {
        var headers = new LinkedHashMap<>(own(progy));
        headers.put("Origin", "http://127.0.0.1:" + progy.port);
        headers.put("Content-Type", "application/json");
        return RawHttp.send(progy.port, "POST", path, headers, json);
    }

    private static Map<String, String> own(StartedProgy progy) {
        return Map.of("Host", "127.0.0.1:" + progy.port, "Cookie", LearnServer.COOKIE + "=" + progy.secret);
    }
}
