package io.progy.orchestrator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.progy.orchestrator.support.MutableClock;
import io.progy.orchestrator.testsupport.Browser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Identity against the real server on a random port: the device authorization grant (RFC 8628) with the
 * {@code /device} page driven over HTTP like a browser without JavaScript, password sign-in, scoped and
 * expiring tokens. The server's clock is a {@link MutableClock}, so expiry is tested without waiting. Each
 * subclass runs it on one database.
 */
abstract class IdentityContract {

    static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    DatabaseClient db;

    final HttpClient http = HttpClient.newHttpClient();
    String base;

    record Account(String username, String password, String token) {}

    record Answer(int status, JsonNode json, HttpHeaders headers) {}

    @BeforeEach
    void setUpBase() {
        base = "http://127.0.0.1:" + port;
    }

    // ------------------------------------------------------------------ device authorization grant

    @Test
    void aCodeApprovedOnTheDevicePageGivesTheClientASignInTokenOnce() {
        Account ada = signup("dev");
        Answer code = deviceCode("progy-cli", "read publish");
        assertThat(code.status()).isEqualTo(200);
        String userCode = code.json().get("user_code").asText();
        assertThat(userCode).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(code.json().get("verification_uri").asText()).isEqualTo(base + "/device");
        assertThat(code.json().get("verification_uri_complete").asText())
                .isEqualTo(base + "/device?user_code=" + userCode);
        assertThat(code.json().get("expires_in").asInt()).isEqualTo(900);
        assertThat(code.json().get("interval").asInt()).isEqualTo(5);
        assertThat(code.headers().firstValue("Cache-Control")).hasValue("no-store");
        String deviceCode = code.json().get("device_code").asText();

        assertOAuthError(poll(deviceCode), "authorization_pending");

        var browser = new Browser(base);
        assertThat(browser.signIn(ada.username(), ada.password()).statusCode()).isEqualTo(303);
        // The code as a person might type it: lower case, no dash.
        var page = browser.get("/device?user_code=" + userCode.replace("-", "").toLowerCase());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("X-Frame-Options"))
                .as("never framed")
                .hasValue("DENY");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'none'");
        assertThat(page.body())
                .contains("Progy CLI")
                .contains("<strong>" + ada.username() + "</strong>")
                .contains(userCode)
                .contains("<code>read</code>")
                .contains("<code>publish</code>")
                .doesNotContain("<code>git</code>");
        var approved = browser.post("/device", Map.of("user_code", userCode, "action", "approve"));
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(approved.body()).contains("go back to your terminal");

        clock.advance(Duration.ofSeconds(5));
        Answer token = poll(deviceCode);
        assertThat(token.status()).as(token.json().toString()).isEqualTo(200);
        assertThat(token.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.json().get("scope").asText()).isEqualTo("read publish");
        assertThat(token.json().get("expires_in").asLong())
                .isEqualTo(Duration.ofDays(90).toSeconds());
        String accessToken = token.json().get("access_token").asText();
        assertThat(accessToken).matches("progy_[A-Za-z0-9_-]{43}");
        Answer user = api("GET", "/v1/user", accessToken, null);
        assertThat(user.json().get("username").asText()).isEqualTo(ada.username());
        // Stored as sha256 only.
        assertThat(count("SELECT COUNT(*) FROM api_tokens WHERE token_hash = '" + TokenService.sha256(accessToken)
                        + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM device_codes WHERE device_code_hash = '" + deviceCode + "'"))
                .isZero();

        clock.advance(Duration.ofSeconds(5));
        assertOAuthError(poll(deviceCode), "invalid_grant");
        assertThat(browser.post("/device", Map.of("user_code", userCode, "action", "approve"))
                        .statusCode())
                .as("a decided code cannot be decided again")
                .isEqualTo(409);
    }

    @Test
    void pollingSoonerThanTheIntervalAnswersSlowDownAndTheIntervalGrowsByFiveSeconds() {
        String deviceCode =
                deviceCode("progy-cli", null).json().get("device_code").asText();
        assertOAuthError(poll(deviceCode), "authorization_pending");
        clock.advance(Duration.ofSeconds(4));
        assertOAuthError(poll(deviceCode), "slow_down");
        // The interval is now 10 s: 9 s later is still too soon, 10 s is fine.
        clock.advance(Duration.ofSeconds(9));
        assertOAuthError(poll(deviceCode), "slow_down");
        clock.advance(Duration.ofSeconds(15));
        assertOAuthError(poll(deviceCode), "authorization_pending");
        clock.advance(Duration.ofSeconds(15));
        assertOAuthError(poll(deviceCode), "authorization_pending");
    }

    @Test
    void aDeniedCodeAnswersAccessDenied() {
        Account bob = signup("deny");
        Answer code = deviceCode("progy-cli", null);
        var browser = new Browser(base);
        browser.signIn(bob.username(), bob.password());
        String userCode = code.json().get("user_code").asText();
        browser.get("/device?user_code=" + userCode);
        var denied = browser.post("/device", Map.of("user_code", userCode, "action", "deny"));
        assertThat(denied.body()).contains("Denied");
        assertOAuthError(poll(code.json().get("device_code").asText()), "access_denied");
    }

    @Test
    void codesExpireAfterFifteenMinutes() {
        Account eve = signup("exp");
        Answer code = deviceCode("progy-cli", null);
        String userCode = code.json().get("user_code").asText();
        clock.advance(Duration.ofMinutes(15));
        assertOAuthError(poll(code.json().get("device_code").asText()), "expired_token");
        var browser = new Browser(base);
        browser.signIn(eve.username(), eve.password());
        var page = browser.get("/device?user_code=" + userCode);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("not valid or has expired");
    }

    @Test
    void badDeviceRequestsGetTheRfcErrors() {
        Answer unknownClient = deviceCode("someone-else", null);
        assertThat(unknownClient.status()).isEqualTo(401);
        assertThat(unknownClient.json().get("error").asText()).isEqualTo("invalid_client");
        assertOAuthError(deviceCode("progy-cli", "read admin"), "invalid_scope");
        assertOAuthError(
                form(
                        "/v1/auth/device/token",
                        Map.of("grant_type", "password", "device_code", "x", "client_id", "progy-cli")),
                "unsupported_grant_type");
        assertOAuthError(poll("no-such-device-code"), "invalid_grant");
        String deviceCode =
                deviceCode("progy-cli", null).json().get("device_code").asText();
        assertOAuthError(
                form(
                        "/v1/auth/device/token",
                        Map.of("grant_type", GRANT, "device_code", deviceCode, "client_id", "other")),
                "invalid_grant");
    }

    @Test
    void theDevicePageNeedsASignedInPersonAndAValidCsrfToken() {
        Account mallory = signup("csrf");
        Answer code = deviceCode("progy-cli", null);
        String userCode = code.json().get("user_code").asText();
        var browser = new Browser(base);
        var anonymous = browser.get("/device?user_code=" + userCode);
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow())
                .isEqualTo("/login?next=" + URLEncoder.encode("/device?user_code=" + userCode, StandardCharsets.UTF_8));

        browser.signIn(mallory.username(), mallory.password());
        browser.get("/device?user_code=" + userCode);
        var forged = browser.post("/device", Map.of("user_code", userCode, "action", "approve", "_csrf", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);
        // Another browser's valid token does not fit this browser's cookie either.
        var other = new Browser(base);
        other.get("/login");
        String otherToken = Browser.csrf(other.get("/login").body()).orElseThrow();
        assertThat(browser.post("/device", Map.of("user_code", userCode, "action", "approve", "_csrf", otherToken))
                        .statusCode())
                .isEqualTo(403);
        assertOAuthError(poll(code.json().get("device_code").asText()), "authorization_pending");
    }

    // ------------------------------------------------------------------ web sign-in

    @Test
    void signInAnswersTheSameForAnUnknownUserAndAWrongPasswordAndSessionsAreStoredHashed() {
        Account ada = signup("web");
        var browser = new Browser(base);
        var wrongPassword = browser.signIn(ada.username(), "not the password");
        var unknownUser = browser.signIn("nobody-" + ada.username(), "not the password");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownUser.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.body()).contains("Invalid username or password.");
        assertThat(unknownUser.body()).contains("Invalid username or password.");
        assertThat(wrongPassword.body().replace(ada.username(), "X"))
                .isEqualTo(unknownUser.body().replace("nobody-" + ada.username(), "X"));

        var signedIn = browser.signIn(ada.username(), ada.password());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/account");
        String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("progy_session="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax");
        String session = cookie.substring("progy_session=".length(), cookie.indexOf(';'));
        assertThat(count("SELECT COUNT(*) FROM web_sessions WHERE session_hash = '" + TokenService.sha256(session)
                        + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM web_sessions WHERE session_hash = '" + session + "'"))
                .isZero();
        assertThat(browser.get("/account").body()).contains(ada.username()).contains("not linked");

        var out = browser.post("/logout", Map.of());
        assertThat(out.statusCode()).isEqualTo(303);
        // The old cookie no longer works even if a browser kept it.
        var stale = send(HttpRequest.newBuilder(URI.create(base + "/account"))
                .header("Cookie", "progy_session=" + session)
                .GET());
        assertThat(stale.status()).isEqualTo(303);
    }

    @Test
    void gitHubSignInIsOffWithAClearMessageWhenNotConfigured() {
        var browser = new Browser(base);
        assertThat(browser.get("/login").body()).contains("GitHub sign-in is not configured on this server");
        var start = browser.get("/auth/github");
        assertThat(start.statusCode()).isEqualTo(404);
        assertThat(start.body()).contains("PROGY_GITHUB_CLIENT_ID");
    }

    // ------------------------------------------------------------------ tokens

    @Test
    void tokensAreCreatedListedAndRevokedByTheirOwner() {
        Account ada = signup("tok");
        Answer created = api("POST", "/v1/tokens", ada.token(), Map.of("name", "ci", "scopes", List.of("publish")));
        assertThat(created.status()).isEqualTo(201);
        String ci = created.json().get("token").asText();
        assertThat(ci).matches("progy_[A-Za-z0-9_-]{43}");
        assertThat(Instant.parse(created.json().get("expires_at").asText()))
                .isBetween(
                        clock.instant().plus(Duration.ofDays(30)).minusSeconds(1),
                        clock.instant().plus(Duration.ofDays(30)));
        Answer yearly = api(
                "POST",
                "/v1/tokens",
                ada.token(),
                Map.of("name", "y", "scopes", List.of("read"), "expires_in_days", 365));
        assertThat(yearly.status()).isEqualTo(201);
        Answer tooLong = api(
                "POST",
                "/v1/tokens",
                ada.token(),
                Map.of("name", "z", "scopes", List.of("read"), "expires_in_days", 366));
        problem(tooLong, 400, "INVALID_REQUEST");

        // A token from POST /v1/tokens can neither mint nor revoke tokens.
        Answer minted = api(
                "POST",
                "/v1/tokens",
                yearly.json().get("token").asText(),
                Map.of("name", "x", "scopes", List.of("read")));
        problem(minted, 403, "INSUFFICIENT_SCOPE");

        Answer list = api("GET", "/v1/tokens", ada.token(), null);
        assertThat(list.status()).isEqualTo(200);
        var tokens = list.json().get("tokens");
        assertThat(tokens).hasSize(3);
        assertThat(tokens.toString()).doesNotContain(ci).doesNotContain(ada.token());
        JsonNode current = find(tokens, "current", "true");
        assertThat(current.get("kind").asText()).isEqualTo("login");
        assertThat(current.get("last_used_at").isNull()).isFalse();
        JsonNode ciRow = find(tokens, "token_id", created.json().get("token_id").asText());
        assertThat(ciRow.get("scopes").toString()).isEqualTo("[\"publish\"]");
        assertThat(ciRow.get("kind").asText()).isEqualTo("api");

        assertThat(api("DELETE", "/v1/tokens/" + created.json().get("token_id").asText(), ada.token(), null)
                        .status())
                .isEqualTo(204);
        problem(api("GET", "/v1/user", ci, null), 401, "UNAUTHORIZED");
        problem(
                api("DELETE", "/v1/tokens/" + created.json().get("token_id").asText(), ada.token(), null),
                404,
                "NOT_FOUND");
        // Nobody revokes another person's token.
        Account bob = signup("tok2");
        String yearlyId = yearly.json().get("token_id").asText();
        problem(api("DELETE", "/v1/tokens/" + yearlyId, bob.token(), null), 404, "NOT_FOUND");
        assertThat(api("GET", "/v1/user", yearly.json().get("token").asText(), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aTokenNeverGrantsMoreScopesThanTheTokenThatCreatesIt() {
        Account ada = signup("esc");
        Answer narrow = deviceLogin(ada, "read");
        String readOnly = narrow.json().get("access_token").asText();
        problem(
                api("POST", "/v1/tokens", readOnly, Map.of("name", "x", "scopes", List.of("publish"))),
                403,
                "INSUFFICIENT_SCOPE");
        assertThat(api("POST", "/v1/tokens", readOnly, Map.of("name", "x", "scopes", List.of("read")))
                        .status())
                .isEqualTo(201);
        problem(
                api("POST", "/v1/tokens", ada.token(), Map.of("name", "x", "scopes", List.of("admin"))),
                400,
                "INVALID_REQUEST");
    }

    @Test
    void tokensStopWorkingWhenTheyExpire() {
        Account ada = signup("old");
        String publishOnly = api(
                        "POST", "/v1/tokens", ada.token(), Map.of("name", "ci", "scopes", List.of("publish", "read")))
                .json()
                .get("token")
                .asText();
        clock.advance(Duration.ofDays(89));
        assertThat(api("GET", "/v1/user", ada.token(), null).status()).isEqualTo(200);
        assertThat(api("GET", "/v1/user", publishOnly, null).status()).isEqualTo(200);
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        problem(api("GET", "/v1/user", ada.token(), null), 401, "UNAUTHORIZED");
        problem(api("GET", "/v1/user", publishOnly, null), 401, "UNAUTHORIZED");
    }

    // ------------------------------------------------------------------ helpers

    Account signup(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "correct horse battery";
        Answer created = api(
                "POST",
                "/v1/auth/signup",
                null,
                Map.of("username", username, "email", username + "@example.org", "password", password));
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        Answer token = api("POST", "/v1/auth/token", null, Map.of("username", username, "password", password));
        assertThat(token.status()).isEqualTo(200);
        return new Account(username, password, token.json().get("token").asText());
    }

    /** A sign-in token with these scopes, through the device flow and the page. */
    Answer deviceLogin(Account account, String scope) {
        Answer code = deviceCode("progy-cli", scope);
        var browser = new Browser(base);
        browser.signIn(account.username(), account.password());
        String userCode = code.json().get("user_code").asText();
        browser.get("/device?user_code=" + userCode);
        assertThat(browser.post("/device", Map.of("user_code", userCode, "action", "approve"))
                        .statusCode())
                .isEqualTo(200);
        return poll(code.json().get("device_code").asText());
    }

    Answer deviceCode(String clientId, String scope) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("client_id", clientId);
        if (scope != null) {
            fields.put("scope", scope);
        }
        return form("/v1/auth/device/code", fields);
    }

    Answer poll(String deviceCode) {
        return form(
                "/v1/auth/device/token",
                Map.of("grant_type", GRANT, "device_code", deviceCode, "client_id", "progy-cli"));
    }

    static void assertOAuthError(Answer answer, String error) {
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(answer.json().get("error").asText()).isEqualTo(error);
    }

    static void problem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(status);
        assertThat(answer.json().get("code").asText()).isEqualTo(code);
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.path(field).asText().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }

    Answer form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer api(String method, String path, String token, Object body) {
        var request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            if (body != null) {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(request);
    }

    Answer send(HttpRequest.Builder request) {
        try {
            var response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(30));
    }
}
