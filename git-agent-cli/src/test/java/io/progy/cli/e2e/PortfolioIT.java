package io.progy.cli.e2e;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.progy.cli.Cli;
import io.progy.cli.ExitCode;
import io.progy.orchestrator.ProgyServer;
import io.progy.orchestrator.testsupport.Browser;
import io.progy.orchestrator.testsupport.GitHubPeople;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code progy portfolio --github} end to end: the real CLI main and the real orchestrator (builtin git provider),
 * GitHub's sign-in and REST API as WireMock stubs, and for the clone URL GitHub would answer a real smart-HTTP git
 * host (the C {@code git http-backend}) that, like GitHub, takes only {@code x-access-token} with the student's token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortfolioIT {
    private static final String PASSWORD = "correct horse battery";
    private static final String LOGIN = "ada-lovelace";
    private static final String COURSE = "@progy/java-intro";

    final WireMockServer github = new WireMockServer(options().dynamicPort());
    final GitHubPeople people = new GitHubPeople(github);
    final ObjectMapper json = new ObjectMapper();
    ProgyServer.Running server;
    GitHttpBackend host;
    Path work;

    @BeforeAll
    void start(@TempDir Path work) {
        this.work = work;
        github.start();
        var settings = new HashMap<>(people.settings());
        settings.put("progy.data-dir", work.resolve("server").toString());
        settings.put("progy.database-url", "");
        settings.put("progy.storage", "local");
        settings.put("progy.sample-courses", "true"); // publishes @progy/java-intro
        settings.put("server.address", "127.0.0.1");
        settings.put("server.port", "0");
        settings.put("progy.mode", "embedded");
        server = ProgyServer.start(settings);
    }

    @AfterAll
    void stop() {
        if (host != null) {
            host.close();
        }
        if (server != null) {
            server.close();
        }
        github.stop();
    }

    @Test
    void theWorkspaceHistoryIsPushedThenNewCommitsAndADivergedPortfolioOnlyWithForce() throws Exception {
        var student = new Cli(work.resolve("home"), server.url());
        var signup = student.runWithInput(
                PASSWORD + "\n", "signup", "--username", "ada", "--email", "ada@example.org", "--password-stdin");
        assertThat(signup.exitCode()).as(signup.toString()).isZero();
        Path workspace = work.resolve("java-intro");
        var init = student.run("init", COURSE, workspace.toString());
        assertThat(init.exitCode()).as(init.toString()).isZero();

        // Before granting GitHub access, progy says how to.
        var notGranted = student.run("portfolio", "--github", "--dir", workspace.toString());
        assertThat(notGranted.exitCode()).as(notGranted.toString()).isEqualTo(ExitCode.AUTH);
        assertThat(notGranted.err())
                .contains("sign in with GitHub at " + server.url() + "/auth/github")
                .contains("allow access to your repositories");

        var browser = new Browser(server.url());
        assertThat(browser.signIn("ada", PASSWORD).statusCode()).isEqualTo(303);
        String token = people.link(browser, LOGIN, "repo,read:user,user:email");
        Path hosted = work.resolve("github");
        Path bare = hosted.resolve(LOGIN).resolve("progy-java-intro.git");
        git(hosted, "init", "--quiet", "--bare", "--initial-branch=main", bare.toString());
        host = new GitHttpBackend(hosted, token);
        people.repositoryAbsentUntilCreated(token, LOGIN, "progy-java-intro", host.url(LOGIN, "progy-java-intro"));

        // First run: the repository is created and the whole history pushed.
        JsonNode first = portfolioJson(student, workspace);
        assertThat(first.path("repo").asText()).isEqualTo(LOGIN + "/progy-java-intro");
        assertThat(first.path("created").asBoolean()).isTrue();
        assertThat(first.path("private").asBoolean()).isTrue();
        assertThat(first.path("pushed").asBoolean()).isTrue();
        assertThat(history(bare)).isEqualTo(history(workspace.resolve(".git"))).isNotEmpty();
        assertThat(host.seen)
                .as("asked for credentials, then given the student's token as x-access-token")
                .anyMatch(seen -> seen.credentials() == null)
                .anyMatch(seen -> ("x-access-token:" + token).equals(seen.credentials()));
        assertTokenNowhereIn(workspace.resolve(".git"), token);
        assertThat(Files.readString(workspace.resolve(".git/config")))
                .as("the portfolio's address is not kept as a remote")
                .doesNotContain(host.url(LOGIN, "progy-java-intro"));

        // Re-running pushes new commits; with none, it is up to date.
        commit(workspace, "notes.md", "What I learned\n", "Add notes");
        var second = student.run("portfolio", "--github", "--dir", workspace.toString());
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).startsWith("Pushed to your portfolio " + LOGIN + "/progy-java-intro (private)");
        assertThat(history(bare)).isEqualTo(history(workspace.resolve(".git")));
        var third = student.run("portfolio", "--github", "--dir", workspace.toString());
        assertThat(third.out()).contains("is up to date");

        // Someone commits on GitHub: the diverged portfolio is refused, then replaced with --force.
        Path elsewhere = work.resolve("elsewhere");
        git(work, "clone", "--quiet", bare.toString(), elsewhere.toString());
        commit(elsewhere, "FROM_GITHUB.md", "Edited on GitHub\n", "Edit on GitHub");
        git(elsewhere, "push", "--quiet", "origin", "main");
        commit(workspace, "notes.md", "What I learned, and more\n", "More notes");
        List<String> remoteBefore = history(bare);

        var refused = student.run("portfolio", "--github", "--dir", workspace.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(refused.err())
                .contains("has commits that are not in this workspace")
                .contains("--force");
        assertThat(history(bare)).isEqualTo(remoteBefore);

        JsonNode forced = portfolioJson(student, workspace, "--force");
        assertThat(forced.path("forced").asBoolean()).isTrue();
        assertThat(history(bare)).isEqualTo(history(workspace.resolve(".git")));
        assertTokenNowhereIn(workspace.resolve(".git"), token);
    }

    private JsonNode portfolioJson(Cli student, Path workspace, String... more) throws IOException {
        var args = new ArrayList<>(List.of("portfolio", "--github", "--dir", workspace.toString(), "--format", "json"));
        args.addAll(List.of(more));
        var result = student.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).doesNotContain("gho_");
        return json.readTree(result.out());
    }

    /** The commits of {@code main}, newest first, as the C git reads them. */
    private List<String> history(Path gitDir) throws Exception {
        return git(work, "--git-dir=" + gitDir, "rev-list", "main").lines().toList();
    }

    private void commit(Path dir, String file, String content, String message) throws Exception {
        Files.writeString(dir.resolve(file), content);
        git(dir, "add", file);
        git(dir, "-c", "user.name=Ada", "-c", "user.email=ada@example.org", "commit", "--quiet", "-m", message);
    }

    private static void assertTokenNowhereIn(Path dir, String token) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as(file.toString())
                        .doesNotContain(token);
            }
        }
    }

    private static String git(Path dir, String... args) throws Exception {
        var command = new ArrayList<String>();
        command.add("git");
        command.addAll(List.of(args));
        Files.createDirectories(dir);
        var process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("git " + String.join(" ", args) + ":\n" + output)
                .isZero();
        return output;
    }
}
