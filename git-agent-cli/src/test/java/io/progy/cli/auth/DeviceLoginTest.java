package io.progy.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.progy.cli.CliContext;
import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.http.HttpApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The polling loop of {@code progy login} against an in-test server that answers the token endpoint with a
 * scripted sequence of RFC 8628 responses; the waits are recorded instead of slept.
 */
class DeviceLoginTest {
    record Answer(int status, String json, String retryAfter) {}

    HttpServer server;
    final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    final List<Long> waits = new ArrayList<>();
    final List<String> polls = new ArrayList<>();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/v1/auth/device/code",
                exchange -> send(
                        exchange.getResponseHeaders(),
                        exchange,
                        new Answer(
                                200,
                                "{\"device_code\":\"dc\",\"user_code\":\"BCDF-GHJK\",\"verification_uri\":\"http://x/device\","
                                        + "\"verification_uri_complete\":\"http://x/device?user_code=BCDF-GHJK\",\"expires_in\":900,"
                                        + "\"interval\":2}",
                                null)));
        server.createContext("/v1/auth/device/token", exchange -> {
            polls.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            send(exchange.getResponseHeaders(), exchange, script.remove());
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void pollsAtTheIntervalAddsFiveSecondsOnSlowDownAndWaitsOutA429() throws Exception {
        script.add(new Answer(400, "{\"error\":\"authorization_pending\"}", null));
        script.add(new Answer(400, "{\"error\":\"slow_down\"}", null));
        script.add(new Answer(429, "{\"code\":\"RATE_LIMITED\"}", "9"));
        script.add(new Answer(400, "{\"error\":\"authorization_pending\"}", null));
        script.add(new Answer(
                200,
                "{\"access_token\":\"progy_t\",\"token_type\":\"Bearer\",\"expires_in\":7776000,"
                        + "\"scope\":\"read publish\",\"token_id\":\"tok_1\"}",
                null));

        var granted = login().run(List.of("read", "publish"), false);

        assertThat(granted.token()).isEqualTo("progy_t");
        assertThat(granted.scopes()).containsExactly("read", "publish");
        // 2 s, 2 s (slow_down: now 7 s), 7 s then the 429's 9 s, 7 s, 7 s.
        assertThat(waits).containsExactly(2000L, 2000L, 7000L, 9000L, 7000L, 7000L);
        assertThat(polls.get(0))
                .contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code")
                .contains("device_code=dc")
                .contains("client_id=progy-cli");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("BCDF-GHJK")
                .contains("Open http://x/device")
                .contains("rate limiting logins; trying again in 9 s");
    }

    @Test
    void deniedAndExpiredCodesEndTheLoginWithExit6() {
        script.add(new Answer(400, "{\"error\":\"access_denied\"}", null));
        assertThatThrownBy(() -> login().run(List.of("read"), false))
                .isInstanceOfSatisfying(
                        CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.AUTH))
                .hasMessageContaining("denied");
        script.add(new Answer(400, "{\"error\":\"expired_token\"}", null));
        assertThatThrownBy(() -> login().run(List.of("read"), false)).hasMessageContaining("expired");
    }

    private DeviceLogin login() {
        var context = new CliContext(
                Map.of(), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true), System.in, false);
        var output = io.progy.cli.Output.of(context);
        var http = new HttpApi("http://127.0.0.1:" + server.getAddress().getPort(), null, output);
        return new DeviceLogin(http, output, new BrowserOpener(context), waits::add);
    }

    private static void send(
            com.sun.net.httpserver.Headers headers, com.sun.net.httpserver.HttpExchange exchange, Answer answer)
            throws IOException {
        byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
        headers.set("Content-Type", answer.status() == 429 ? "application/problem+json" : "application/json");
        if (answer.retryAfter() != null) {
            headers.set("Retry-After", answer.retryAfter());
        }
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
