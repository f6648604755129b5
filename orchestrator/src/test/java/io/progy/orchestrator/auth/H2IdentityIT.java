package io.progy.orchestrator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progy.orchestrator.support.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Identity on the embedded default (H2), plus the scope check of every protected operation, driven by the
 * API contract so that an operation added without a scope check fails the build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
@DirtiesContext
class H2IdentityIT extends IdentityContract {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("progy.data-dir", () -> dataDir.toString());
        registry.add("progy.sample-courses", () -> "false");
    }

    /**
     * For every operation of {@code openapi/progy-api.yaml} that takes a bearer token: no token is 401; for
     * each scope it names, a token with every other scope is 403 INSUFFICIENT_SCOPE; {@code x-progy-token:
     * sign-in} refuses a token from {@code POST /v1/tokens} with 403 INSUFFICIENT_SCOPE. An operation with
     * {@code bearer: []} must say which token it takes, so none can be added without deciding.
     */
    @Test
    void everyProtectedOperationOfTheContractChecksItsScope() throws IOException {
        JsonNode contract = JSON.valueToTree(
                new org.yaml.snakeyaml.Yaml().load(Files.readString(Path.of("..", "openapi", "progy-api.yaml"))));
        Account owner = signup("scope");
        List<String> checked = new ArrayList<>();
        for (var path : iterable(contract.get("paths").fieldNames())) {
            for (var method : List.of("get", "post", "put", "patch", "delete")) {
                JsonNode operation = contract.get("paths").get(path).get(method);
                if (operation == null || !operation.has("security")) {
                    continue;
                }
                JsonNode bearer = operation.get("security").get(0).get("bearer");
                if (bearer == null) {
                    continue; // a page with a cookie session
                }
                String concrete = path.replace("{scope}", owner.username())
                        .replace("{slug}", "no-course")
                        .replace("{version}", "1.0.0")
                        .replace("{token_id}", "tok_000000");
                String name = method.toUpperCase() + " " + path;
                checked.add(name);

                assertThat(call(method, concrete, null, operation, contract).status())
                        .as(name + " without a token")
                        .isEqualTo(401);
                List<String> scopes = new ArrayList<>();
                bearer.forEach(scope -> scopes.add(scope.asText()));
                String kind = operation.path("x-progy-token").asText("");
                if (scopes.isEmpty()) {
                    assertThat(kind)
                            .as(name + ": bearer: [] needs x-progy-token any|sign-in")
                            .isIn("any", "sign-in");
                }
                for (String scope : scopes) {
                    List<String> others = new ArrayList<>(Caller.ALL_SCOPES);
                    others.remove(scope);
                    String token = apiToken(owner, others);
                    problem(call(method, concrete, token, operation, contract), 403, "INSUFFICIENT_SCOPE");
                }
                if (kind.equals("sign-in")) {
                    String token = apiToken(owner, Caller.ALL_SCOPES);
                    problem(call(method, concrete, token, operation, contract), 403, "INSUFFICIENT_SCOPE");
                }
            }
        }
        assertThat(checked).contains("POST /v1/registry/publish", "GET /v1/tokens", "POST /v1/tokens", "GET /v1/user");
    }

    private String apiToken(Account owner, List<String> scopes) {
        Answer created = api("POST", "/v1/tokens", owner.token(), Map.of("name", "scope-test", "scopes", scopes));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("token").asText();
    }

    /** Calls the operation with a body that passes validation (its example), so only the token decides. */
    private Answer call(String method, String path, String token, JsonNode operation, JsonNode contract)
            throws IOException {
        JsonNode content = operation.path("requestBody").path("content");
        var request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (content.has("application/json")) {
            JsonNode media = content.get("application/json");
            JsonNode example = media.has("example")
                    ? media.get("example")
                    : resolve(media.get("schema"), contract).get("example");
            request.header("Content-Type", "application/json");
            request.method(
                    method.toUpperCase(), HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(example)));
        } else if (content.has("multipart/form-data")) {
            String boundary = "scope-test";
            String body =
                    "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.progy\"\r\n"
                            + "Content-Type: application/octet-stream\r\n\r\nPK\r\n--" + boundary + "--\r\n";
            request.header("Content-Type", "multipart/form-data; boundary=" + boundary);
            request.method(method.toUpperCase(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method.toUpperCase(), HttpRequest.BodyPublishers.noBody());
        }
        return send(request);
    }

    private static JsonNode resolve(JsonNode schema, JsonNode contract) {
        if (schema.has("$ref")) {
            JsonNode node = contract;
            for (String part : schema.get("$ref").asText().substring(2).split("/")) {
                node = node.get(part);
            }
            return node;
        }
        return schema;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
