package io.progy.orchestrator.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * People on GitHub, as WireMock stubs of GitHub's documented OAuth web flow and REST API (docs.github.com/rest): a
 * person who signs in with GitHub from a Progy account and grants scopes ({@code POST /login/oauth/access_token},
 * {@code GET /user}, {@code GET /user/emails}), and the repositories in their own account ({@code GET
 * /repos/{owner}/{repo}}, {@code POST /user/repos}). One WireMock server is both GitHub's web and API root.
 */
public final class GitHubPeople {

    public static final String CLIENT_ID = "Iv1.portfolio-client";

    private static final AtomicLong IDS = new AtomicLong(5_830_000);

    private final WireMockServer github;

    public GitHubPeople(WireMockServer github) {
        this.github = github;
    }

    /** The server settings that send sign-in with GitHub, and the portfolio's API calls, to the stubs. */
    public Map<String, String> settings() {
        return Map.of(
                "progy.auth.github.client-id",
                CLIENT_ID,
                "progy.auth.github.client-secret",
                "portfolio-secret",
                "progy.auth.github.web-url",
                github.baseUrl(),
                "progy.auth.github.api-url",
                github.baseUrl());
    }

    /**
     * The person signed in on {@code browser} signs in with GitHub as {@code login}, granting {@code scopes}, which
     * links the GitHub account to theirs.
     *
     * @return the GitHub token GitHub issued
     */
    public String link(Browser browser, String login, String scopes) {
        long id = IDS.incrementAndGet();
        String token = "gho_" + UUID.randomUUID().toString().replace("-", "");
        String code = "code-" + id;
        github.stubFor(post(urlPathEqualTo("/login/oauth/access_token"))
                .withRequestBody(containing("code=" + code))
                .willReturn(json(
                        200,
                        "{\"access_token\": \"" + token + "\", \"token_type\": \"bearer\", \"scope\": \"" + scopes
                                + "\"}")));
        github.stubFor(get(urlPathEqualTo("/user"))
                .withHeader("Authorization", authorizedBy(token))
                .willReturn(json(200, user(login, id))));
        github.stubFor(get(urlPathEqualTo("/user/emails"))
                .withHeader("Authorization", authorizedBy(token))
                .willReturn(json(
                        200,
                        "[{\"email\": \"" + login + "@example.org\", \"primary\": true, \"verified\": true,"
                                + " \"visibility\": \"private\"}]")));
        var start = browser.get("/auth/github?next=%2Faccount");
        require(start.statusCode() == 303, "GET /auth/github answered " + start.statusCode() + ": " + start.body());
        String authorize = start.headers().firstValue("Location").orElseThrow();
        String state = query(URI.create(authorize), "state");
        var back = browser.get("/auth/github/callback?code=" + code + "&state=" + state);
        require(back.statusCode() == 303, "the GitHub callback answered " + back.statusCode() + ": " + back.body());
        return token;
    }

    /**
     * {@code login/name} is absent ({@code GET} 404) until {@code POST /user/repos} creates it (201); then it exists
     * (200), and creating it again is 422.
     */
    public void repositoryAbsentUntilCreated(String token, String login, String name, String cloneUrl) {
        String scenario = "portfolio " + login + "/" + name;
        String path = "/repos/" + login + "/" + name;
        github.stubFor(get(urlPathEqualTo(path))
                .withHeader("Authorization", authorizedBy(token))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(404, """
                        {"message": "Not Found",
                         "documentation_url": "https://docs.github.com/rest/repos/repos#get-a-repository",
                         "status": "404"}
                        """)));
        github.stubFor(post(urlPathEqualTo("/user/repos"))
                .withHeader("Authorization", authorizedBy(token))
                .withRequestBody(matchingJsonPath("$.name", equalTo(name)))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("exists")
                .willReturn(json(201, repository(login, name, true, cloneUrl))));
        github.stubFor(get(urlPathEqualTo(path))
                .withHeader("Authorization", authorizedBy(token))
                .inScenario(scenario)
                .whenScenarioStateIs("exists")
                .willReturn(json(200, repository(login, name, true, cloneUrl))));
        github.stubFor(post(urlPathEqualTo("/user/repos"))
                .withHeader("Authorization", authorizedBy(token))
                .withRequestBody(matchingJsonPath("$.name", equalTo(name)))
                .inScenario(scenario)
                .whenScenarioStateIs("exists")
                .willReturn(json(422, """
                        {"message": "Repository creation failed.",
                         "errors": [{"resource": "Repository", "code": "custom", "field": "name",
                                     "message": "name already exists on this account"}],
                         "documentation_url": "https://docs.github.com/rest/repos/repos#create-a-repository-for-the-authenticated-user",
                         "status": "422"}
                        """)));
    }

    /** The person revoked {@code token} on GitHub: every call with it is 401 "Bad credentials". */
    public void revoked(String token) {
        github.stubFor(get(urlPathEqualTo("/user"))
                .withHeader("Authorization", authorizedBy(token))
                .atPriority(1)
                .willReturn(json(401, """
                        {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest",
                         "status": "401"}
                        """)));
    }

    /** A repository in {@code login}'s account, as GitHub's REST API shows it. */
    public String repository(String login, String name, boolean isPrivate, String cloneUrl) {
        String base = github.baseUrl();
        return """
                {"id": %d, "node_id": "R_kgDOABPHjQ", "name": "%s", "full_name": "%s/%s", "private": %s,
                 "owner": %s, "html_url": "https://github.com/%s/%s", "description": "", "fork": false,
                 "url": "%s/repos/%s/%s", "clone_url": "%s", "git_url": "git:github.com/%s/%s.git",
                 "ssh_url": "git@github.com:%s/%s.git", "default_branch": "main",
                 "visibility": "%s", "size": 0, "archived": false, "disabled": false,
                 "created_at": "2026-11-23T09:30:00Z", "updated_at": "2026-11-23T09:30:00Z", "pushed_at": null,
                 "permissions": {"admin": true, "maintain": true, "push": true, "triage": true, "pull": true}}
                """.formatted(
                        IDS.incrementAndGet(),
                        name,
                        login,
                        name,
                        isPrivate,
                        user(login, 1),
                        login,
                        name,
                        base,
                        login,
                        name,
                        cloneUrl,
                        login,
                        name,
                        login,
                        name,
                        isPrivate ? "private" : "public");
    }

    private String user(String login, long id) {
        return """
                {"login": "%s", "id": %d, "node_id": "MDQ6VXNlcjE=", "avatar_url": "https://github.com/images/%s.gif",
                 "url": "%s/users/%s", "html_url": "https://github.com/%s", "type": "User", "site_admin": false,
                 "name": "Someone"}
                """.formatted(login, id, login, github.baseUrl(), login, login);
    }

    /** Sign-in sends {@code Bearer <token>}, github-api {@code token <token>}: GitHub takes both. */
    private static com.github.tomakehurst.wiremock.matching.StringValuePattern authorizedBy(String token) {
        return matching("(?:Bearer|token) " + Pattern.quote(token));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no " + name + " in " + uri);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
