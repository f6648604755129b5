package io.progy.orchestrator.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rate limits answer 429 RATE_LIMITED with {@code Retry-After}, per client address (sign-up, download, device
 * login) and per user (sign-in attempts, publish). Small limits per hour, so every test is a handful of requests.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "progy.sample-courses=false",
            "progy.rate-limits.signup-per-ip=4/1h",
            "progy.rate-limits.login-per-user=2/1h",
            "progy.rate-limits.publish-per-user=2/1h",
            "progy.rate-limits.download-per-ip=2/1h",
            "progy.rate-limits.device-code-per-ip=2/1h"
        })
@DirtiesContext
class RateLimitIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("progy.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void signUpsPerAddressSignInsPerAccountAndPublishesPerUserAreLimited() throws Exception {
        String ada = signup(201);
        String bob = signup(201);
        signup(201);
        signup(201);
        assertLimited(json(
                "POST",
                "/v1/auth/signup",
                null,
                Map.of(
                        "username",
                        "late-" + suffix(),
                        "email",
                        suffix() + "@example.org",
                        "password",
                        "correct horse battery")));

        // Per account: even the right password is refused once the account's attempts are used up.
        assertThat(json("POST", "/v1/auth/token", null, Map.of("username", ada, "password", "wrong password!"))
                        .statusCode())
                .isEqualTo(401);
        var token = json("POST", "/v1/auth/token", null, Map.of("username", ada, "password", "correct horse battery"));
        assertThat(token.statusCode()).isEqualTo(200);
        assertLimited(
                json("POST", "/v1/auth/token", null, Map.of("username", ada, "password", "correct horse battery")));
        assertThat(json("POST", "/v1/auth/token", null, Map.of("username", bob, "password", "correct horse battery"))
                        .statusCode())
                .as("another account is not affected")
                .isEqualTo(200);

        String bearer = JSON.readTree(token.body()).get("token").asText();
        assertThat(publish(bearer).statusCode()).isEqualTo(400); // not a valid archive, but counted
        assertThat(publish(bearer).statusCode()).isEqualTo(400);
        assertLimited(publish(bearer));
    }

    @Test
    void downloadsAndDeviceLoginsPerAddressAreLimited() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/v1/registry/download/nobody/nothing/1.0.0"))
                                .GET())
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/v1/registry/download/nobody/nothing/1.0.0"))
                                .GET())
                        .statusCode())
                .isEqualTo(404);
        assertLimited(send(HttpRequest.newBuilder(uri("/v1/registry/download/nobody/nothing/1.0.0"))
                .GET()));

        for (int i = 0; i < 2; i++) {
            assertThat(deviceCode().statusCode()).isEqualTo(200);
        }
        assertLimited(deviceCode());
    }

    private static void assertLimited(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        long retryAfter =
                Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(problem.get("detail").asText()).contains("try again in " + retryAfter + " s");
    }

    private String signup(int expected) throws Exception {
        String username = "rl-" + suffix();
        var response = json(
                "POST",
                "/v1/auth/signup",
                null,
                Map.of("username", username, "email", username + "@example.org", "password", "correct horse battery"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return username;
    }

    private HttpResponse<String> deviceCode() throws Exception {
        return send(HttpRequest.newBuilder(uri("/v1/auth/device/code"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=progy-cli")));
    }

    private HttpResponse<String> publish(String token) throws Exception {
        String body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.progy\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nnot a zip\r\n--b--\r\n";
        return send(HttpRequest.newBuilder(uri("/v1/registry/publish"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> json(String method, String path, String token, Object body) throws Exception {
        var request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
