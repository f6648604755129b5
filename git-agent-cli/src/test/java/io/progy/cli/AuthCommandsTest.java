package io.progy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** signup, login, logout, whoami and the credentials file, against the in-test server. */
class AuthCommandsTest {
    @TempDir
    Path tmp;

    FakeProgyServer server;
    Cli cli;
    Path home;

    @BeforeEach
    void start() throws IOException {
        server = new FakeProgyServer();
        home = tmp.resolve("home");
        cli = new Cli(home, server.url());
        server.addUser("ada", "correct horse battery");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void loginStoresTheTokenInAFileOnlyTheOwnerCanRead() throws IOException {
        var result = cli.runWithInput("correct horse battery\n", "login", "--username", "ada", "--password-stdin");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Logged in to " + server.url() + " as ada");
        var file = home.resolve("credentials.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
                .isEqualTo("rwx------");
        var json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.path("server").asText()).isEqualTo(server.url());
        assertThat(json.path("username").asText()).isEqualTo("ada");
        assertThat(server.tokens).containsKey(json.path("token").asText());
        try (var files = Files.list(home)) {
            assertThat(files).as("no temporary files left").hasSize(1);
        }
    }

    @Test
    void reloginReplacesTheFileAndKeepsItPrivate() throws IOException {
        cli.runWithInput("correct horse battery", "login", "--username", "ada", "--password-stdin");
        var file = home.resolve("credentials.json");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        var second = cli.runWithInput("correct horse battery", "login", "--username", "ada", "--password-stdin");
        assertThat(second.exitCode()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void wrongPasswordExits6WithTheServersMessage() {
        var result = cli.runWithInput("nope", "login", "--username", "ada", "--password-stdin");
        assertThat(result.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(result.err()).contains("invalid username or password");
        assertThat(home.resolve("credentials.json")).doesNotExist();
    }

    @Test
    void loginWithoutTerminalOrPasswordStdinIsAUsageError() {
        var result = cli.run("login", "--username", "ada");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--password-stdin");
    }

    @Test
    void whoamiUsesTheStoredLogin() {
        cli.runWithInput("correct horse battery", "login", "--username", "ada", "--password-stdin");
        var text = cli.run("whoami");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).isEqualTo("ada" + System.lineSeparator());
        var json = cli.run("whoami", "--format", "json");
        assertThat(json.out()).contains("\"username\" : \"ada\"").contains("\"server\" : \"" + server.url() + "\"");
    }

    @Test
    void theStoredTokenIsNeverSentToAnotherServer() throws IOException {
        cli.runWithInput("correct horse battery", "login", "--username", "ada", "--password-stdin");
        try (var other = new FakeProgyServer()) {
            var result = cli.run("whoami", "--server", other.url());
            assertThat(result.exitCode()).isEqualTo(ExitCode.AUTH);
            assertThat(other.requests).isEmpty();
        }
    }

    @Test
    void progyTokenOverridesTheStoredLogin() {
        cli.runWithInput("correct horse battery", "login", "--username", "ada", "--password-stdin");
        server.addUser("bob", "bob password 123");
        cli.env.put("PROGY_TOKEN", server.issueToken("bob"));
        assertThat(cli.run("whoami").out()).startsWith("bob");
    }

    @Test
    void logoutRevokesTheTokenAndRemovesTheFile() {
        cli.runWithInput("correct horse battery", "login", "--username", "ada", "--password-stdin");
        assertThat(server.tokens).hasSize(1);

        var result = cli.run("logout");

        assertThat(result.exitCode()).isZero();
        assertThat(server.count("DELETE /v1/auth/token")).isEqualTo(1);
        assertThat(server.tokens).isEmpty();
        assertThat(home.resolve("credentials.json")).doesNotExist();
        assertThat(cli.run("whoami").exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(cli.run("logout").exitCode()).as("logging out twice is fine").isZero();
    }

    @Test
    void signupCreatesTheAccountAndLogsIn() {
        var result = cli.runWithInput(
                "a long enough password",
                "signup",
                "--username",
                "grace",
                "--email",
                "grace@example.com",
                "--password-stdin");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Created account grace");
        assertThat(cli.run("whoami").out()).startsWith("grace");
    }

    @Test
    void signupRejectsShortPasswordsLocallyAndTakenNamesWith3() {
        var shortPassword =
                cli.runWithInput("short", "signup", "--username", "x", "--email", "x@e.x", "--password-stdin");
        assertThat(shortPassword.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(server.requests).isEmpty();

        var taken = cli.runWithInput(
                "a long enough password", "signup", "--username", "ada", "--email", "a@e.x", "--password-stdin");
        assertThat(taken.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(taken.err()).contains("already taken");
    }

    @Test
    void anUnreadableCredentialsFileDoesNotBreakAnonymousCommands() throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("credentials.json"), "{not json");

        var search = cli.run("search");
        assertThat(search.exitCode()).as(search.toString()).isZero();
        assertThat(search.err()).contains("warning: cannot read " + home.resolve("credentials.json"));

        var whoami = cli.run("whoami");
        assertThat(whoami.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(whoami.err()).contains("run `progy login`");
    }
}
