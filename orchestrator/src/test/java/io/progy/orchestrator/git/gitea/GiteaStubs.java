package io.progy.orchestrator.git.gitea;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.List;

/**
 * WireMock stubs that answer as Gitea's REST API v1 documents (swagger {@code openapi/gitea.yaml}): paths under
 * {@code /api/v1}, the {@code User}, {@code Repository} and {@code AccessToken} shapes, {@code APIError} bodies,
 * 404 for a missing user or repository, 422 for a taken user name, 409 for a taken repository name. Users and
 * repositories come and go with WireMock scenarios, one per name, so "absent, then created" plays out as on a server.
 */
final class GiteaStubs {

    static final String ADMIN = "root";
    static final String ADMIN_TOKEN = "0123456789abcdef0123456789abcdef01234567";
    static final String PUBLIC_URL = "https://git.example.org";

    private final WireMockServer gitea;

    GiteaStubs(WireMockServer gitea) {
        this.gitea = gitea;
    }

    /** {@code GET /user} answered for the admin token, and its (empty) token list behind HTTP Basic. */
    void administrator(boolean isAdmin) {
        gitea.stubFor(get("/api/v1/user")
                .withHeader("Authorization", equalTo("token " + ADMIN_TOKEN))
                .willReturn(json(200, user(1, ADMIN, "root@example.org", isAdmin))));
        gitea.stubFor(get(urlPathEqualTo("/api/v1/users/" + ADMIN + "/tokens"))
                .withBasicAuth(ADMIN, ADMIN_TOKEN)
                .willReturn(okJson("[]").withHeader("X-Total-Count", "0")));
    }

    /** A user that does not exist until {@code POST /admin/users} creates it; created again, it answers 422. */
    void userCreatedOnDemand(String login, String email) {
        String scenario = "user " + login;
        gitea.stubFor(get("/api/v1/users/" + login)
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(apiError(404, "user redirect does not exist [name: " + login + "]")));
        gitea.stubFor(post("/api/v1/admin/users")
                .withRequestBody(matchingJsonPath("$.username", equalTo(login)))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("exists")
                .willReturn(json(201, user(100, login, email, false))));
        userExists(scenario, login, email);
    }

    /** A user someone else creates between our look-up and our creation: 404, then 422, then found. */
    void userCreatedConcurrently(String login, String email) {
        String scenario = "user " + login;
        gitea.stubFor(get("/api/v1/users/" + login)
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("exists")
                .willReturn(apiError(404, "user redirect does not exist [name: " + login + "]")));
        userExists(scenario, login, email);
    }

    private void userExists(String scenario, String login, String email) {
        gitea.stubFor(get("/api/v1/users/" + login)
                .inScenario(scenario)
                .whenScenarioStateIs("exists")
                .willReturn(json(200, user(100, login, email, false))));
        gitea.stubFor(post("/api/v1/admin/users")
                .withRequestBody(matchingJsonPath("$.username", equalTo(login)))
                .inScenario(scenario)
                .whenScenarioStateIs("exists")
                .willReturn(apiError(422, "user already exists [name: " + login + "]")));
    }

    /** A repository that does not exist until {@code POST /admin/users/{owner}/repos} creates it; then 409. */
    void repoCreatedOnDemand(String owner, String name) {
        String scenario = "repo " + owner + "/" + name;
        gitea.stubFor(get("/api/v1/repos/" + owner + "/" + name)
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(apiError(404, "The target couldn't be found.")));
        gitea.stubFor(post("/api/v1/admin/users/" + owner + "/repos")
                .withRequestBody(matchingJsonPath("$.name", equalTo(name)))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("exists")
                .willReturn(json(201, repository(200, owner, name))));
        repoExists(scenario, owner, name);
    }

    /** A repository someone else creates between our look-up and our creation: 404, then 409, then found. */
    void repoCreatedConcurrently(String owner, String name) {
        String scenario = "repo " + owner + "/" + name;
        gitea.stubFor(get("/api/v1/repos/" + owner + "/" + name)
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("exists")
                .willReturn(apiError(404, "The target couldn't be found.")));
        repoExists(scenario, owner, name);
    }

    private void repoExists(String scenario, String owner, String name) {
        gitea.stubFor(get("/api/v1/repos/" + owner + "/" + name)
                .inScenario(scenario)
                .whenScenarioStateIs("exists")
                .willReturn(json(200, repository(200, owner, name))));
        gitea.stubFor(post("/api/v1/admin/users/" + owner + "/repos")
                .withRequestBody(matchingJsonPath("$.name", equalTo(name)))
                .inScenario(scenario)
                .whenScenarioStateIs("exists")
                .willReturn(apiError(409, "The repository with the same name already exists.")));
    }

    /** {@code POST /users/{owner}/tokens} behind the admin's HTTP Basic: a new token with this id and secret. */
    void tokenCreation(String owner, long id, String secret) {
        gitea.stubFor(post("/api/v1/users/" + owner + "/tokens")
                .withBasicAuth(ADMIN, ADMIN_TOKEN)
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json;charset=utf-8")
                        .withTransformers("response-template")
                        .withBody("""
                                {"id": %d, "name": "{{jsonPath request.body '$.name'}}", "sha1": "%s",
                                 "token_last_eight": "%s", "scopes": ["write:repository"]}
                                """.formatted(id, secret, secret.substring(secret.length() - 8)))));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(body);
    }

    static ResponseDefinitionBuilder apiError(int status, String message) {
        return json(status, "{\"message\":\"" + message + "\",\"url\":\"" + PUBLIC_URL + "/api/swagger\"}");
    }

    static String user(long id, String login, String email, boolean admin) {
        return """
                {"id": %d, "login": "%s", "login_name": "", "source_id": 0, "full_name": "", "email": "%s",
                 "avatar_url": "%s/avatars/%d", "html_url": "%s/%s", "language": "", "is_admin": %s,
                 "last_login": "2026-01-15T09:30:00Z", "created": "2026-01-15T09:30:00Z", "restricted": %s,
                 "active": true, "prohibit_login": false, "location": "", "website": "", "description": "",
                 "visibility": "%s", "followers_count": 0, "following_count": 0, "starred_repos_count": 0,
                 "username": "%s"}
                """.formatted(
                        id,
                        login,
                        email,
                        PUBLIC_URL,
                        id,
                        PUBLIC_URL,
                        login,
                        admin,
                        !admin,
                        admin ? "public" : "private",
                        login);
    }

    static String repository(long id, String owner, String name) {
        return """
                {"id": %d, "owner": %s, "name": "%s", "full_name": "%s/%s", "description": "", "empty": true,
                 "private": true, "fork": false, "template": false, "mirror": false, "size": 0, "language": "",
                 "html_url": "%s/%s/%s", "url": "%s/api/v1/repos/%s/%s", "ssh_url": "git@git.example.org:%s/%s.git",
                 "clone_url": "%s/%s/%s.git", "default_branch": "main", "archived": false,
                 "created_at": "2026-01-15T09:30:00Z", "updated_at": "2026-01-15T09:30:00Z",
                 "permissions": {"admin": true, "push": true, "pull": true}}
                """.formatted(
                        id,
                        user(100, owner, owner + "@users.progy.invalid", false),
                        name,
                        owner,
                        name,
                        PUBLIC_URL,
                        owner,
                        name,
                        PUBLIC_URL,
                        owner,
                        name,
                        owner,
                        name,
                        PUBLIC_URL,
                        owner,
                        name);
    }

    static String tokenJson(long id, String name) {
        return "{\"id\": " + id + ", \"name\": \"" + name + "\", \"sha1\": \"\", \"token_last_eight\": \"0badcafe\","
                + " \"scopes\": [\"write:repository\"]}";
    }

    static String tokenList(List<String> tokens) {
        return "[" + String.join(",", tokens) + "]";
    }
}
