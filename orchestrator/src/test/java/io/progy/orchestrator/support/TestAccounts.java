package io.progy.orchestrator.support;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Accounts and publishes through the API, as a user makes them, for tests that need a few of each. */
public final class TestAccounts {

    public static final String PASSWORD = "a long password";

    /** A signed-up user and a token with every scope. */
    public record Account(String username, String token) {}

    private TestAccounts() {}

    /** Signs up {@code <prefix>-<random>} and logs in. */
    public static Account signup(WebTestClient client, String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        client.post()
                .uri("/v1/auth/signup")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "email", name + "@example.org", "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(); // read, so the test client releases it
        Map<String, Object> token = client.post()
                .uri("/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        return new Account(name, (String) token.get("token"));
    }

    /** Publishes an archive as {@code owner}; fails the test unless it is created. */
    public static void publish(WebTestClient client, Account owner, Path archive) {
        var multipart = new MultipartBodyBuilder();
        multipart.part("file", new FileSystemResource(archive));
        client.post()
                .uri("/v1/registry/publish")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .body(BodyInserters.fromMultipartData(multipart.build()))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody();
    }
}
