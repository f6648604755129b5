package io.progy.gitea;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.progy.gitea.client.api.AdminApi;
import io.progy.gitea.client.api.MiscellaneousApi;
import io.progy.gitea.client.api.RepositoryApi;
import io.progy.gitea.client.api.UserApi;
import io.progy.gitea.client.invoker.ApiClient;
import io.progy.gitea.client.invoker.ApiException;
import io.progy.gitea.client.invoker.ApiResponse;
import io.progy.gitea.client.model.AccessToken;
import io.progy.gitea.client.model.CreateAccessTokenOption;
import io.progy.gitea.client.model.CreateRepoOption;
import io.progy.gitea.client.model.CreateUserOption;
import io.progy.gitea.client.model.Repository;
import io.progy.gitea.client.model.User;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The calls Progy makes to a Gitea server (REST API v1), over the client generated from {@code openapi/gitea.yaml}.
 * Thread-safe; calls block, so reactive callers run them on a scheduler meant for blocking work. Every failure is a
 * {@link GiteaException} carrying Gitea's HTTP status (0 when the server could not be reached).
 */
public final class GiteaClient {

    /** The largest page Gitea serves by default ({@code [api] MAX_RESPONSE_ITEMS}). */
    public static final int PAGE_SIZE = 50;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final ApiClient apiClient;
    private final MiscellaneousApi miscellaneous;
    private final UserApi users;
    private final AdminApi admin;
    private final RepositoryApi repositories;

    private GiteaClient(URI baseUrl, Consumer<HttpRequest.Builder> authentication) {
        apiClient = new ApiClient();
        apiClient.updateBaseUri(baseUrl.toString().replaceAll("/+$", "") + "/api/v1");
        apiClient.setConnectTimeout(CONNECT_TIMEOUT);
        apiClient.setReadTimeout(READ_TIMEOUT);
        apiClient.setRequestInterceptor(authentication);
        miscellaneous = new MiscellaneousApi(apiClient);
        users = new UserApi(apiClient);
        admin = new AdminApi(apiClient);
        repositories = new RepositoryApi(apiClient);
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
     * A client that authenticates with HTTP Basic (Gitea's {@code BasicAuth}); Gitea requires this form for the
     * {@code /users/{username}/tokens} endpoints. The password may be the account's password or, on Gitea (not
     * Forgejo), one of its access tokens.
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

    /** The account these credentials belong to ({@code GET /user}). */
    public GiteaUser currentUser() {
        try {
            return toUser(users.userGetCurrent());
        } catch (ApiException e) {
            throw failure("GET /user", e);
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

    /**
     * Creates a local account as a site administrator ({@code POST /admin/users}) that does not have to change its
     * password and gets no notification mail. A name or email already in use answers 422.
     */
    public GiteaUser createUser(NewUser user) {
        var option = new CreateUserOption()
                .username(user.username())
                // Gitea's swagger gives login_name the default "empty", which the generated model sends unless
                // told otherwise; a local account has no external login name.
                .loginName("")
                .email(user.email())
                .password(user.password())
                .mustChangePassword(false)
                .sendNotify(false)
                .restricted(user.restricted())
                .visibility(CreateUserOption.VisibilityEnum.fromValue(user.visibility()));
        try {
            return toUser(admin.adminCreateUser(option));
        } catch (ApiException e) {
            throw failure("POST /admin/users", e);
        }
    }

    /** The repository {@code owner/name}, or empty when there is none the caller can see. */
    public Optional<GiteaRepo> findRepo(String owner, String name) {
        try {
            return Optional.of(toRepo(repositories.repoGet(owner, name)));
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw failure("GET /repos/" + owner + "/" + name, e);
        }
    }

    /**
     * Creates a repository owned by {@code owner} as a site administrator ({@code POST /admin/users/{owner}/repos}).
     * A name already taken answers 409.
     */
    public GiteaRepo createRepoFor(String owner, NewRepo repo) {
        var option = new CreateRepoOption()
                .name(repo.name())
                .description(repo.description())
                ._private(repo.isPrivate())
                .defaultBranch(repo.defaultBranch())
                .autoInit(false);
        try {
            return toRepo(admin.adminCreateRepo(owner, option));
        } catch (ApiException e) {
            throw failure("POST /admin/users/" + owner + "/repos", e);
        }
    }

    /**
     * Creates an access token for {@code username} ({@code POST /users/{username}/tokens}): needs HTTP Basic as that
     * user or as a site administrator. The answer is the only time Gitea shows the token's secret; a name already
     * used by one of the user's tokens answers 400.
     */
    public GiteaToken createToken(String username, String name, List<String> scopes) {
        try {
            return toToken(users.userCreateToken(
                    username, new CreateAccessTokenOption().name(name).scopes(List.copyOf(scopes))));
        } catch (ApiException e) {
            throw failure("POST /users/" + username + "/tokens", e);
        }
    }

    /**
     * Every access token of {@code username} ({@code GET /users/{username}/tokens}), fetched page by page with
     * {@link #PAGE_SIZE} per page. Stops at Gitea's {@code X-Total-Count}, or at the first short page when the
     * header is missing (a server whose own cap is below {@link #PAGE_SIZE} always sends it).
     */
    public List<GiteaToken> listTokens(String username) {
        List<GiteaToken> tokens = new ArrayList<>();
        for (int page = 1; ; page++) {
            ApiResponse<List<AccessToken>> response;
            try {
                response = users.userGetTokensWithHttpInfo(username, page, PAGE_SIZE);
            } catch (ApiException e) {
                throw failure("GET /users/" + username + "/tokens?page=" + page, e);
            }
            List<AccessToken> batch = response.getData() == null ? List.of() : response.getData();
            batch.forEach(token -> tokens.add(toToken(token)));
            Optional<Long> total = totalCount(response.getHeaders());
            boolean more = total.isPresent() ? tokens.size() < total.get() : batch.size() >= PAGE_SIZE;
            if (batch.isEmpty() || !more) {
                return tokens;
            }
        }
    }

    /**
     * Deletes one of {@code username}'s access tokens by id ({@code DELETE /users/{username}/tokens/{token}}).
     *
     * @return false when Gitea has no such token (already deleted)
     */
    public boolean deleteToken(String username, long tokenId) {
        try {
            users.userDeleteAccessToken(username, Long.toString(tokenId));
            return true;
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw failure("DELETE /users/" + username + "/tokens/" + tokenId, e);
        }
    }

    private static Optional<Long> totalCount(Map<String, List<String>> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("X-Total-Count"))
                .flatMap(header -> header.getValue().stream())
                .findFirst()
                .flatMap(value -> {
                    try {
                        return Optional.of(Long.parseLong(value.trim()));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                });
    }

    private static GiteaUser toUser(User user) {
        return new GiteaUser(
                user.getId() == null ? 0 : user.getId(),
                user.getLogin(),
                user.getEmail(),
                Boolean.TRUE.equals(user.getIsAdmin()));
    }

    private static GiteaRepo toRepo(Repository repo) {
        return new GiteaRepo(
                repo.getId() == null ? 0 : repo.getId(),
                repo.getOwner() == null ? null : repo.getOwner().getLogin(),
                repo.getName(),
                repo.getCloneUrl() == null ? null : URI.create(repo.getCloneUrl()),
                Boolean.TRUE.equals(repo.getPrivate()));
    }

    private static GiteaToken toToken(AccessToken token) {
        String secret = token.getSha1() == null || token.getSha1().isEmpty() ? null : token.getSha1();
        return new GiteaToken(token.getId() == null ? 0 : token.getId(), token.getName(), secret, token.getScopes());
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
