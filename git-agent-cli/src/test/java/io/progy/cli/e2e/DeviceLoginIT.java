package io.progy.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.progy.cli.Cli;
import io.progy.cli.ExitCode;
import io.progy.cli.Progy;
import io.progy.orchestrator.ProgyServer;
import io.progy.orchestrator.testsupport.Browser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code progy login} in the browser, end to end: the real CLI main polls the real server while the test,
 * as the person, signs in on {@code /login} and approves (or denies) the code on the {@code /device} page over
 * HTTP with the form's CSRF token. Then the token commands, and logout revoking the token on the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceLoginIT {
    private static final Pattern CODE = Pattern.compile("one-time code: ([A-Z]{4}-[A-Z]{4})");
    private static final Pattern URL = Pattern.compile("Or go straight to (\\S+)");
    private static final String PASSWORD = "correct horse battery";

    ProgyServer.Running server;
    Path work;

    record Running(CompletableFuture<Integer> exit, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    void start(@TempDir Path work) {
        this.work = work;
        var settings = new HashMap<String, String>();
        settings.put("progy.data-dir", work.resolve("server").toString());
        settings.put("progy.database-url", "");
        settings.put("progy.storage", "local");
        settings.put("progy.sample-courses", "false");
        settings.put("server.address", "127.0.0.1");
        settings.put("server.port", "0");
        settings.put("progy.mode", "embedded");
        // Poll every second so the test does not wait five.
        settings.put("progy.auth.device.interval", "1s");
        server = ProgyServer.start(settings);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void loginApprovedInTheBrowserStoresAWorkingTokenAndLogoutRevokesIt() throws Exception {
        signup("ada");
        Path browserLog = work.resolve("browser.log");
        Path fakeBrowser = work.resolve("browser.sh");
        Files.writeString(fakeBrowser, "#!/bin/sh\necho \"$1\" >> '" + browserLog + "'\n");
        fakeBrowser.toFile().setExecutable(true);
        var cli = cli("ada-home");
        cli.env.put("BROWSER", fakeBrowser.toString());

        Running login = start(cli, "login");
        String code = await(login, CODE);
        String url = await(login, URL);
        assertThat(url).isEqualTo(server.url() + "/device?user_code=" + code);
        assertThat(login.stderr()).contains("Opened " + server.url() + "/device");

        var person = new Browser(server.url());
        assertThat(person.signIn("ada", PASSWORD).statusCode()).isEqualTo(303);
        var page = person.get(url);
        assertThat(page.body()).contains("Progy CLI").contains(code);
        assertThat(person.post("/device", Map.of("user_code", code, "action", "approve"))
                        .statusCode())
                .isEqualTo(200);

        assertThat(login.exit().get(30, TimeUnit.SECONDS)).as(login.stderr()).isZero();
        assertThat(login.out().toString(StandardCharsets.UTF_8)).contains("Logged in to " + server.url() + " as ada.");
        assertThat(Files.readString(browserLog).trim()).isEqualTo(url);
        assertThat(cli.run("whoami").out().trim()).isEqualTo("ada");

        // A publish-only token for CI, listed, then revoked.
        var created = cli.run(
                "token", "create", "--name", "ci", "--scope", "publish", "--expires", "30d", "--format", "json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        var json = new ObjectMapper().readTree(created.out());
        String ciToken = json.get("token").asText();
        String ciId = json.get("token_id").asText();
        var ls = cli.run("token", "ls");
        assertThat(ls.out()).contains(ciId).contains("ci").contains("publish").doesNotContain(ciToken);
        var ci = cli("ci-home");
        ci.env.put("PROGY_TOKEN", ciToken);
        var refused = ci.run("whoami");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(refused.err()).contains("lacks the 'read' scope");
        assertThat(cli.run("token", "revoke", ciId).out()).contains("Revoked " + ciId);
        assertThat(cli.run("token", "ls").out()).doesNotContain(ciId);

        String stored = new ObjectMapper()
                .readTree(
                        cli.env.get("PROGY_HOME") == null
                                ? null
                                : Path.of(cli.env.get("PROGY_HOME"), "credentials.json")
                                        .toFile())
                .get("token")
                .asText();
        assertThat(cli.run("logout").exitCode()).isZero();
        assertThat(status(stored)).as("the token is revoked on the server too").isEqualTo(401);
    }

    @Test
    void loginDeniedInTheBrowserFailsWithExit6AndStoresNothing() throws Exception {
        signup("bob");
        var cli = cli("bob-home");
        Running login = start(cli, "login", "--no-browser");
        String code = await(login, CODE);
        assertThat(login.stderr()).contains("Open " + server.url() + "/device");

        var person = new Browser(server.url());
        person.signIn("bob", PASSWORD);
        person.get("/device?user_code=" + code);
        person.post("/device", Map.of("user_code", code, "action", "deny"));

        assertThat(login.exit().get(30, TimeUnit.SECONDS)).isEqualTo(ExitCode.AUTH);
        assertThat(login.stderr()).contains("denied in the browser");
        assertThat(Path.of(cli.env.get("PROGY_HOME"), "credentials.json")).doesNotExist();
    }

    @Test
    void passwordLoginForScriptsStillWorks() {
        signup("carol");
        var cli = cli("carol-home");
        var result = cli.runWithInput(PASSWORD + "\n", "login", "--username", "carol", "--password-stdin");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(cli.run("whoami").out().trim()).isEqualTo("carol");
    }

    private Cli cli(String home) {
        return new Cli(work.resolve(home), server.url());
    }

    private Running start(Cli cli, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var exit = CompletableFuture.supplyAsync(() -> Progy.execute(
                args,
                cli.env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new java.io.ByteArrayInputStream(new byte[0])));
        return new Running(exit, out, err);
    }

    /** Waits (at most 20 s) until the CLI's stderr shows the pattern; returns its first group. */
    private static String await(Running running, Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = pattern.matcher(running.stderr());
            if (matcher.find()) {
                return matcher.group(1);
            }
            if (running.exit().isDone()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + pattern + " in: " + running.stderr());
    }

    private void signup(String username) {
        var result = cli(username + "-signup")
                .runWithInput(
                        PASSWORD,
                        "signup",
                        "--username",
                        username,
                        "--email",
                        username + "@example.org",
                        "--password-stdin");
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    private int status(String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/v1/user"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
