package io.progy.orchestrator.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Batches of check events are limited per user: 429 RATE_LIMITED with Retry-After, other users unaffected. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"progy.sample-courses=false", "progy.rate-limits.telemetry-per-user=2/1h"})
@DirtiesContext
class TelemetryRateLimitIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> EMPTY_BATCH = Map.of("events", List.of());

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
    void checkEventBatchesPerUserAreLimited() throws Exception {
        String ada = tokenOfNewUser();
        String bob = tokenOfNewUser();
        for (int i = 0; i < 2; i++) {
            var sent = post("/v1/telemetry/events", ada, EMPTY_BATCH);
            assertThat(sent.statusCode())
                    .as("refused as empty, but counted: " + sent.body())
                    .isEqualTo(400);
        }

        var limited = post("/v1/telemetry/events", ada, EMPTY_BATCH);

        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(limited.body()).get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(JSON.readTree(limited.body()).get("detail").asText()).contains("check event batches");
        assertThat(post("/v1/telemetry/events", bob, EMPTY_BATCH).statusCode())
                .as("another user is not affected")
                .isEqualTo(400);
    }

    private String tokenOfNewUser() throws Exception {
        String username = "tl-" + UUID.randomUUID().toString().substring(0, 8);
        var signup = post(
                "/v1/auth/signup",
                null,
                Map.of("username", username, "email", username + "@example.org", "password", "correct horse battery"));
        assertThat(signup.statusCode()).as(signup.body()).isEqualTo(201);
        var token = post("/v1/auth/token", null, Map.of("username", username, "password", "correct horse battery"));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return JSON.readTree(token.body()).get("token").asText();
    }

    private HttpResponse<String> post(String path, String token, Object body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
