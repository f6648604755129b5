package io.progy.gitea;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.progy.gitea.client.api.MiscellaneousApi;
import io.progy.gitea.client.api.UserApi;
import io.progy.gitea.client.invoker.ApiClient;
import io.progy.gitea.client.invoker.ApiException;
import io.progy.gitea.client.model.User;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The calls Progy makes to a Gitea server (REST API v1), over the client generated from {@code openapi/gitea.yaml}.
 * Thread-safe; calls block, so reactive callers run them on a scheduler meant for blocking work.
 */
public final class GiteaClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final ApiClient apiClient;
    private final MiscellaneousApi miscellaneous;
    private final UserApi users;

    private GiteaClient(URI baseUrl, Consumer<HttpRequest.Builder> authentication) {
        apiClient = new ApiClient();
        apiClient.updateBaseUri(baseUrl.toString().replaceAll("/+$", "") + "/api/v1");
        apiClient.setConnectTimeout(CONNECT_TIMEOUT);
        apiClient.setReadTimeout(READ_TIMEOUT);
        apiClient.setRequestInterceptor(authentication);
        miscellaneous = new MiscellaneousApi(apiClient);
        users = new UserApi(apiClient);
    }

    /**
     * A client that sends no credentials: enough for public calls such as {@link #serverVersion()}.
     *
     * @param baseUrl the Gitea root URL, e.g. {@code http://gitea:3000} (without {@code /api/v1})
     */
    public static GiteaClient anonymous(URI baseUrl) {
        return new GiteaClient(baseUrl, request -> {});
    }

    /** A client that authenticates with an access token (Gitea's {@code AuthorizationHeaderToken}). */
    public static GiteaClient withToken(URI baseUrl, String token) {
        return new GiteaClient(baseUrl, request -> request.header("Authorization", "token " + token));
    }

    /**
     * A client that authenticates with a username and password (Gitea's {@code BasicAuth}); Gitea requires this
     * form to create access tokens.
     */
    public static GiteaClient withBasicAuth(URI baseUrl, String username, String password) {
        String pair = username + ":" + password;
        String header = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        return new GiteaClient(baseUrl, request -> request.header("Authorization", header));
    }

    /** The server's version string, e.g. {@code 1.27.1} ({@code GET /version}). */
    public String serverVersion() {
        try {
            return miscellaneous.getVersion().getVersion();
        } catch (ApiException e) {
            throw failure("GET /version", e);
        }
    }

    /** The account named {@code username}, or empty when Gitea has none ({@code GET /users/{username}}). */
    public Optional<GiteaUser> findUser(String username) {
        try {
            return Optional.of(toUser(users.userGet(username)));
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw failure("GET /users/" + username, e);
        }
    }

    private static GiteaUser toUser(User user) {
        return new GiteaUser(
                user.getId() == null ? 0 : user.getId(),
                user.getLogin(),
                user.getEmail(),
                Boolean.TRUE.equals(user.getIsAdmin()));
    }

    private GiteaException failure(String call, ApiException e) {
        if (e.getCode() == 0) {
            return new GiteaException(
                    "Gitea is unreachable at " + apiClient.getBaseUri() + " (" + call + "): " + e.getMessage(), 0, e);
        }
        return new GiteaException(
                "Gitea answered " + e.getCode() + " to " + call + errorMessage(e.getResponseBody()), e.getCode(), e);
    }

    /** Gitea's error answers carry an {@code APIError} body: {@code {"message": ..., "url": ...}}. */
    private String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode message = apiClient.getObjectMapper().readTree(body).path("message");
            return message.isTextual() ? ": " + message.asText() : "";
        } catch (JsonProcessingException notJson) {
            return "";
        }
    }
}
