package io.progy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Command-line parsing, help, and the exit-code table, through the real main. */
class ProgyCliTest {
    @TempDir
    Path home;

    FakeProgyServer server;
    Cli cli;

    @BeforeEach
    void start() throws IOException {
        server = new FakeProgyServer();
        cli = new Cli(home, server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void versionPrintsTheProjectVersion() {
        var result = cli.run("--version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).matches("progy \\d+\\.\\d+\\.\\d+.*\\R");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void theVersionShortcutPrintsWhatPicocliPrints() {
        var shortcut = cli.run("--version");
        var picocli = cli.run("-q", "--version");
        assertThat(picocli.exitCode()).isZero();
        assertThat(shortcut.out()).isEqualTo(picocli.out());
        assertThat(cli.run("-V").out()).isEqualTo(picocli.out());
    }

    @Test
    void noCommandPrintsUsageAndExits2() {
        var result = cli.run();
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("Usage: progy").contains("init").contains("publish");
    }

    @Test
    void helpListsCommandsAndDocumentsExitCodes() {
        var result = cli.run("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("signup", "login", "logout", "whoami", "search", "info", "init", "pack", "publish")
                .contains("yank", "cache", "course")
                .contains("Exit codes:")
                .contains("6   not authenticated or forbidden");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "signup",
                "login",
                "logout",
                "whoami",
                "search",
                "info",
                "init",
                "pack",
                "publish",
                "yank",
                "cache",
                "course",
                "portfolio"
            })
    void everyCommandHasHelpWithExamples(String command) {
        var result = cli.run(command, "--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: progy " + command).contains("Examples:");
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        var result = cli.run("serch");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("error:").contains("progy search");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() {
        assertThat(cli.run("--format", "json", "cache", "ls").out()).contains("\"entries\"");
        assertThat(cli.run("cache", "ls", "--format=json").out()).contains("\"entries\"");
        assertThat(cli.run("cache", "ls", "--format", "yaml").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void invalidCourseNameIsAUsageError() {
        var result = cli.run("init", "@Bad/Name", home.resolve("w").toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("invalid course name '@Bad/Name'");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void invalidRangeIsAUsageError() {
        var result =
                cli.run("init", "@demo/hello@not-a-range!", home.resolve("w").toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("invalid version range 'not-a-range!'");
    }

    @Test
    void yankNeedsAnExactVersion() {
        var result = cli.run("yank", "@demo/hello@^1");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("exact version");
    }

    @Test
    void invalidServerUrlIsAUsageError() {
        var result = cli.run("search", "--server", "ftp://nowhere");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("invalid server URL 'ftp://nowhere'");
    }

    @Test
    void unreachableServerExits5AndNamesTheUrl() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var url = "http://127.0.0.1:" + port;
        var result = cli.run("search", "--server", url);
        assertThat(result.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(result.err()).contains("cannot reach the Progy server at " + url);
    }

    @Test
    void serverOptionOnTheRootCommandApplies() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var result = cli.run("--server", "http://127.0.0.1:" + port, "search");
        assertThat(result.err()).contains("http://127.0.0.1:" + port);
    }

    @Test
    void whoamiWithoutLoginExits6BeforeAnyRequest() {
        var result = cli.run("whoami");
        assertThat(result.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(result.err()).contains("not logged in: run `progy login`");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void rejectedTokenExits6() {
        cli.env.put("PROGY_TOKEN", "progy_revoked");
        var result = cli.run("whoami");
        assertThat(result.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(result.err()).contains("not logged in: run `progy login`");
    }

    @Test
    void aRejectedTokenDoesNotBreakAnonymousRequests() {
        cli.env.put("PROGY_TOKEN", "progy_expired");
        var result = cli.run("search");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(server.requests).containsExactly("GET /v1/registry/search", "GET /v1/registry/search");
    }

    @Test
    void unknownCourseExits2WithTheServersReason() {
        var result = cli.run("info", "@demo/missing");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("course @demo/missing not found");
    }

    @Test
    void serverErrorsExit5() throws IOException {
        var failing = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/", exchange -> {
            FakeProgyServer.problem(exchange, 503, "STORAGE_FAILED", "storage is down");
            exchange.close();
        });
        failing.start();
        try {
            var url = "http://127.0.0.1:" + failing.getAddress().getPort();
            var result = cli.run("search", "--server", url);
            assertThat(result.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
            assertThat(result.err()).contains("the Progy server at " + url + " failed: storage is down (HTTP 503)");
        } finally {
            failing.stop(0);
        }
    }

    @Test
    void noColorWhenNotATerminal() {
        var result = cli.run("serch");
        assertThat(result.err()).doesNotContain("\u001b[");
    }
}
