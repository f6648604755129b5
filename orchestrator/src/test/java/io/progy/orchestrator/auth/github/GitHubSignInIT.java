package io.progy.orchestrator.auth.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.progy.orchestrator.auth.AuthProperties;
import io.progy.orchestrator.testsupport.Browser;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signing in with GitHub against WireMock stubs of GitHub's documented OAuth web flow ({@code GET
 * /login/oauth/authorize}, {@code POST /login/oauth/access_token}) and REST API ({@code GET /user}, {@code GET
 * /user/emails}), with a browser that follows the flow as a person's would.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "progy.sample-courses=false",
            "progy.auth.github.client-id=Iv1.test-client",
            "progy.auth.github.client-secret=test-secret"
        })
@DirtiesContext
class GitHubSignInIT {

    static final WireMockServer github = new WireMockServer(options().dynamicPort());

    static {
        github.start();
    }

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("progy.data-dir", () -> dataDir.toString());
        registry.add("progy.auth.github.web-url", github::baseUrl);
        registry.add("progy.auth.github.api-url", () -> github.baseUrl() + "/api");
    }

    @AfterAll
    static void stopGitHub() {
        github.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Autowired
    GitHubSignIn signIn;

    @Autowired
    AuthProperties properties;

    @Test
    void aNewGitHubPersonGetsAnAccountAndTheRepoTokenIsStoredEncrypted() throws Exception {
        String login = "Octo_" + suffix();
        long id = stubGitHubUser("new", login, "repo,read:user,user:email", Map.of(login + "@example.org", true));
        var browser = new Browser(base());

        String code = authorizeAndCallback(browser, "new");
        var back = browser.get("/auth/github/callback?code=" + code + "&state=" + lastState);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).hasValue("/account");
        String account = browser.get("/account").body();
        String username = ("octo-" + login.substring(5)).toLowerCase();
        assertThat(account).contains(username).contains("@" + login);

        // PKCE: GitHub got the verifier whose S256 is the challenge sent to /login/oauth/authorize.
        var exchange = github.findAll(postRequestedFor(urlPathEqualTo("/login/oauth/access_token"))
                        .withRequestBody(containing("code=" + code)))
                .get(0);
        Map<String, String> form = parseQuery(exchange.getBodyAsString());
        assertThat(form).containsEntry("client_id", "Iv1.test-client").containsEntry("client_secret", "test-secret");
        assertThat(s256(form.get("code_verifier"))).isEqualTo(lastChallenge);

        String sealed = db.sql("SELECT access_token_enc FROM github_identities WHERE github_id = :id")
                .bind("id", id)
                .map(row -> row.get(0, String.class))
                .one()
                .block(Duration.ofSeconds(10));
        assertThat(sealed).isNotNull().doesNotContain("gho_new");
        long userId = db.sql("SELECT user_id FROM github_identities WHERE github_id = :id")
                .bind("id", id)
                .map(row -> row.get(0, Long.class))
                .one()
                .block(Duration.ofSeconds(10));
        assertThat(signIn.repoToken(userId).block(Duration.ofSeconds(10))).isEqualTo("gho_new" + id);

        // Signing in again later finds the same account.
        var again = new Browser(base());
        String second = authorizeAndCallback(again, "new");
        assertThat(again.get("/auth/github/callback?code=" + second + "&state=" + lastState)
                        .statusCode())
                .isEqualTo(303);
        assertThat(again.get("/account").body()).contains(username);
    }

    @Test
    void anExistingAccountWithTheSameVerifiedEmailIsLinkedOnlyOnceItsOwnerConfirms() throws Exception {
        String ada = "ada-" + suffix();
        signup(ada, ada + "@example.org");
        long id = stubGitHubUser(
                "link",
                "ada-gh-" + suffix(),
                "read:user,user:email",
                Map.of("other-" + ada + "@example.org", false, ada + "@example.org", true));
        var browser = new Browser(base());
        String code = authorizeAndCallback(browser, "link");
        var back = browser.get("/auth/github/callback?code=" + code + "&state=" + lastState);
        assertThat(back.headers().firstValue("Location")).hasValue("/auth/github/link");
        var confirm = browser.get("/auth/github/link");
        assertThat(confirm.body()).contains(ada).contains(ada + "@example.org").contains("enter the password of");
        assertThat(browser.get("/account").statusCode())
                .as("not signed in before confirming")
                .isEqualTo(303);

        browser.get("/auth/github/link");
        var wrong = browser.post("/auth/github/link", Map.of("action", "link", "password", "not the password"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        var linked = browser.post("/auth/github/link", Map.of("action", "link", "password", "correct horse battery"));
        assertThat(linked.statusCode()).isEqualTo(303);
        assertThat(browser.get("/account").body()).contains(ada).contains("@ada-gh-");
        // Granted without repo: no GitHub token is kept.
        assertThat(db.sql("SELECT COUNT(*) FROM github_identities WHERE github_id = :id AND access_token_enc IS NULL")
                        .bind("id", id)
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block(Duration.ofSeconds(10)))
                .isEqualTo(1L);
    }

    @Test
    void declinedLinksUnverifiedEmailsAndForgedStatesSignNobodyIn() throws Exception {
        String bob = "bob-" + suffix();
        signup(bob, bob + "@example.org");
        stubGitHubUser("decline", "bob-gh-" + suffix(), "repo", Map.of(bob + "@example.org", true));
        var browser = new Browser(base());
        browser.get("/auth/github/callback?code=" + authorizeAndCallback(browser, "decline") + "&state=" + lastState);
        browser.get("/auth/github/link");
        assertThat(browser.post("/auth/github/link", Map.of("action", "cancel")).body())
                .contains("was not linked");
        assertThat(browser.get("/account").statusCode()).isEqualTo(303);

        // The only matching email is unverified: no link, no account.
        String carol = "carol-" + suffix();
        signup(carol, carol + "@example.org");
        stubGitHubUser("unverified", "carol-gh-" + suffix(), "repo", Map.of(carol + "@example.org", false));
        var other = new Browser(base());
        var answer = other.get(
                "/auth/github/callback?code=" + authorizeAndCallback(other, "unverified") + "&state=" + lastState);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("no verified email address");

        // A state this browser did not start (login CSRF) is refused before GitHub is asked.
        var victim = new Browser(base());
        authorizeAndCallback(new Browser(base()), "new");
        var forged = victim.get("/auth/github/callback?code=whatever&state=" + lastState);
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("not valid here");
    }

    // ------------------------------------------------------------------ GitHub, as documented

    private String lastState;
    private String lastChallenge;

    /** Follows /auth/github to GitHub's authorize URL, checks it, and returns the code GitHub would send back. */
    private String authorizeAndCallback(Browser browser, String codePrefix) {
        HttpResponse<String> start = browser.get("/auth/github?next=%2Faccount");
        assertThat(start.statusCode()).isEqualTo(303);
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(github.baseUrl() + "/login/oauth/authorize?");
        Map<String, String> query = parseQuery(authorize.getRawQuery());
        assertThat(query)
                .containsEntry("client_id", "Iv1.test-client")
                .containsEntry("redirect_uri", base() + "/auth/github/callback")
                .containsEntry("scope", "read:user user:email repo")
                .containsEntry("code_challenge_method", "S256");
        lastState = query.get("state");
        lastChallenge = query.get("code_challenge");
        return codePrefix + "-code-" + suffix();
    }

    /** Stubs the token exchange for codes starting with {@code codePrefix}, and /user and /user/emails. */
    private long stubGitHubUser(String codePrefix, String login, String grantedScopes, Map<String, Boolean> emails) {
        long id = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String token = "gho_" + codePrefix + id;
        github.stubFor(post(urlPathEqualTo("/login/oauth/access_token"))
                .withHeader("Accept", equalTo("application/json"))
                .withRequestBody(containing("code=" + codePrefix + "-code-"))
                .willReturn(okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"scope\":\""
                        + grantedScopes + "\"}")));
        github.stubFor(get(urlPathEqualTo("/api/user"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"login\":\"" + login + "\",\"id\":" + id + ",\"name\":\"Someone\"}")));
        var list = new StringBuilder("[");
        boolean first = true;
        for (var email : emails.entrySet()) {
            list.append(first ? "" : ",")
                    .append("{\"email\":\"")
                    .append(email.getKey())
                    .append("\",\"primary\":")
                    .append(first)
                    .append(",\"verified\":")
                    .append(email.getValue())
                    .append(",\"visibility\":\"private\"}");
            first = false;
        }
        github.stubFor(get(urlPathEqualTo("/api/user/emails"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson(list.append("]").toString())));
        github.stubFor(post(urlPathEqualTo("/login/oauth/access_token"))
                .withRequestBody(containing("code=whatever"))
                .willReturn(aResponse().withStatus(500)));
        return id;
    }

    private void signup(String username, String email) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(
                java.net.http.HttpRequest.newBuilder(URI.create(base() + "/v1/auth/signup"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username
                                + "\",\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static Map<String, String> parseQuery(String query) {
        var map = new LinkedHashMap<String, String>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            map.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
