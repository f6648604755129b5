package io.progy.orchestrator.auth.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.progy.orchestrator.auth.AuthProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * GitHub's OAuth web flow and the two REST calls sign-in needs, as GitHub documents them: {@code GET
 * /login/oauth/authorize}, {@code POST /login/oauth/access_token}, {@code GET /user}, {@code GET /user/emails}.
 * GitHub's JSON stays in here; callers get records.
 */
@Component
class GitHubClient {

    /** The exchanged token and the scopes GitHub actually granted (the person may have granted fewer). */
    record AccessToken(String token, List<String> scopes) {}

    record Profile(long id, String login) {}

    record Email(String email, boolean primary, boolean verified) {}

    /** GitHub answered, but not with what sign-in needs. */
    static class GitHubException extends RuntimeException {
        GitHubException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final AuthProperties.GitHub settings;
    private final WebClient web;

    GitHubClient(AuthProperties properties, WebClient.Builder builder) {
        this.settings = properties.github();
        this.web = builder.build();
    }

    /** Where to send the browser: the authorize page with state and an S256 PKCE challenge. */
    String authorizeUrl(String redirectUri, String state, String codeChallenge) {
        return UriComponentsBuilder.fromUriString(trim(settings.webUrl()) + "/login/oauth/authorize")
                .queryParam("client_id", settings.clientId())
                .queryParam("redirect_uri", redirectUri)
                .queryParam("scope", settings.scopes())
                .queryParam("state", state)
                .queryParam("code_challenge", codeChallenge)
                .queryParam("code_challenge_method", "S256")
                .encode()
                .build()
                .toUriString();
    }

    Mono<AccessToken> exchange(String code, String redirectUri, String codeVerifier) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("client_id", settings.clientId());
        form.add("client_secret", settings.clientSecret());
        form.add("code", code);
        form.add("redirect_uri", redirectUri);
        form.add("code_verifier", codeVerifier);
        return web.post()
                .uri(trim(settings.webUrl()) + "/login/oauth/access_token")
                .accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .retrieve()
                .bodyToMono(JsonNode.class)
                .timeout(TIMEOUT)
                .onErrorMap(e -> !(e instanceof GitHubException), e -> failed("exchanging the code", e))
                .map(json -> {
                    // GitHub answers 200 with an "error" field (e.g. bad_verification_code) when the code is bad.
                    if (json.hasNonNull("error") || !json.hasNonNull("access_token")) {
                        throw new GitHubException(
                                "GitHub refused the sign-in: "
                                        + json.path("error_description")
                                                .asText(json.path("error").asText("no access token")),
                                null);
                    }
                    List<String> scopes = new ArrayList<>();
                    for (String scope : json.path("scope").asText("").split("[,\\s]+")) {
                        if (!scope.isBlank()) {
                            scopes.add(scope.trim());
                        }
                    }
                    return new AccessToken(json.get("access_token").asText(), List.copyOf(scopes));
                });
    }

    Mono<Profile> user(String token) {
        return api("/user", token).map(json -> {
            if (!json.hasNonNull("id") || !json.hasNonNull("login")) {
                throw new GitHubException("GitHub's /user answer has no id or login", null);
            }
            return new Profile(json.get("id").asLong(), json.get("login").asText());
        });
    }

    Mono<List<Email>> emails(String token) {
        return api("/user/emails", token).map(json -> {
            List<Email> emails = new ArrayList<>();
            for (JsonNode email : json) {
                if (email.hasNonNull("email")) {
                    emails.add(new Email(
                            email.get("email").asText(),
                            email.path("primary").asBoolean(false),
                            email.path("verified").asBoolean(false)));
                }
            }
            return List.copyOf(emails);
        });
    }

    private Mono<JsonNode> api(String path, String token) {
        return web.get()
                .uri(trim(settings.apiUrl()) + path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(HttpHeaders.ACCEPT, "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .retrieve()
                .bodyToMono(JsonNode.class)
                .timeout(TIMEOUT)
                .onErrorMap(e -> !(e instanceof GitHubException), e -> failed("GET " + path, e));
    }

    private static GitHubException failed(String what, Throwable e) {
        String detail = e instanceof WebClientResponseException response
                ? "HTTP " + response.getStatusCode().value()
                : e.getClass().getSimpleName();
        return new GitHubException("GitHub did not answer " + what + " (" + detail + ")", e);
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
