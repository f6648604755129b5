package io.progy.gitea;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the facade against WireMock stubs that answer as Gitea's API documentation says it does. */
class GiteaClientTest {

    private final WireMockServer gitea = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void start() {
        gitea.start();
    }

    @AfterEach
    void stop() {
        gitea.stop();
    }

    private URI baseUrl() {
        return URI.create(gitea.baseUrl() + "/");
    }

    @Test
    void readsTheServerVersionAndSendsTheTokenAsGiteaExpects() {
        // GET /api/v1/version answers a ServerVersion: {"version": "..."}.
        gitea.stubFor(get("/api/v1/version").willReturn(okJson("{\"version\":\"1.27.1\"}")));

        String version = GiteaClient.withToken(baseUrl(), "s3cr3t").serverVersion();

        assertThat(version).isEqualTo("1.27.1");
        gitea.verify(getRequestedFor(urlEqualTo("/api/v1/version"))
                .withHeader("Authorization", equalTo("token s3cr3t"))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void findsAUserWithBasicAuthAndReportsAMissingOneAsEmpty() {
        gitea.stubFor(get("/api/v1/users/ada").willReturn(okJson("""
                        {"id": 7, "login": "ada", "login_name": "", "full_name": "", "email": "ada@example.org",
                         "avatar_url": "http://localhost:3000/avatars/1", "language": "", "is_admin": false,
                         "last_login": "2026-01-15T09:30:00Z", "created": "2026-01-15T09:30:00Z",
                         "restricted": false, "active": true, "prohibit_login": false, "location": "",
                         "website": "", "description": "", "visibility": "public", "followers_count": 0,
                         "following_count": 0, "starred_repos_count": 0, "username": "ada"}
                        """)));
        gitea.stubFor(get("/api/v1/users/ghost")
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json;charset=utf-8")
                        .withBody("{\"errors\":null,\"message\":\"user redirect does not exist [name: ghost]\","
                                + "\"url\":\"http://localhost:3000/api/swagger\"}")));
        var client = GiteaClient.withBasicAuth(baseUrl(), "root", "pa:ss");

        assertThat(client.findUser("ada")).contains(new GiteaUser(7, "ada", "ada@example.org", false));
        assertThat(client.findUser("ghost")).isEmpty();
        gitea.verify(getRequestedFor(urlEqualTo("/api/v1/users/ada"))
                .withHeader("Authorization", equalTo("Basic cm9vdDpwYTpzcw==")));
    }

    @Test
    void reportsGiteaErrorsWithStatusAndMessage() {
        gitea.stubFor(get("/api/v1/version")
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"message\":\"database is locked\",\"url\":\"http://localhost:3000/api/swagger\"}")));

        assertThatThrownBy(() -> GiteaClient.anonymous(baseUrl()).serverVersion())
                .isInstanceOfSatisfying(
                        GiteaException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessage("Gitea answered 500 to GET /version: database is locked");
    }

    @Test
    void reportsAnUnreachableServer() {
        URI nobody = baseUrl();
        gitea.stop();

        assertThatThrownBy(() -> GiteaClient.anonymous(nobody).serverVersion())
                .isInstanceOfSatisfying(
                        GiteaException.class, e -> assertThat(e.status()).isZero())
                .hasMessageStartingWith("Gitea is unreachable at " + nobody + "api/v1 (GET /version)");
    }

    @Test
    void createsAUserThatNeedNotChangeItsPassword() {
        gitea.stubFor(post("/api/v1/admin/users")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json;charset=utf-8")
                        .withBody("""
                                {"id": 12, "login": "p7-ada", "login_name": "", "full_name": "",
                                 "email": "p7-ada@users.progy.invalid", "is_admin": false, "restricted": true,
                                 "visibility": "private", "active": true}
                                """)));

        GiteaUser user = GiteaClient.withToken(baseUrl(), "admin-token")
                .createUser(new NewUser("p7-ada", "p7-ada@users.progy.invalid", "pw-0123456789", true, "private"));

        assertThat(user).isEqualTo(new GiteaUser(12, "p7-ada", "p7-ada@users.progy.invalid", false));
        gitea.verify(postRequestedFor(urlEqualTo("/api/v1/admin/users"))
                .withHeader("Authorization", equalTo("token admin-token"))
                .withRequestBody(equalToJson("""
                        {"username": "p7-ada", "login_name": "", "email": "p7-ada@users.progy.invalid", "password": "pw-0123456789",
                         "must_change_password": false, "send_notify": false, "restricted": true,
                         "visibility": "private"}
                        """)));
    }

    @Test
    void createsAnEmptyPrivateRepositoryForAUserAndReportsATakenName() {
        gitea.stubFor(post("/api/v1/admin/users/p7-ada/repos")
                .inScenario("create")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("exists")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json;charset=utf-8")
                        .withBody(repositoryJson(40, "p7-ada", "progy-ada-intro"))));
        gitea.stubFor(post("/api/v1/admin/users/p7-ada/repos")
                .inScenario("create")
                .whenScenarioStateIs("exists")
                .willReturn(aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/json;charset=utf-8")
                        .withBody("{\"message\":\"The repository with the same name already exists.\","
                                + "\"url\":\"http://localhost:3000/api/swagger\"}")));
        var client = GiteaClient.withToken(baseUrl(), "admin-token");
        var repo = new NewRepo("progy-ada-intro", "Progress in @ada/intro", true, "main");

        assertThat(client.createRepoFor("p7-ada", repo))
                .isEqualTo(new GiteaRepo(
                        40,
                        "p7-ada",
                        "progy-ada-intro",
                        URI.create("https://git.example.org/p7-ada/progy-ada-intro.git"),
                        true));
        assertThatThrownBy(() -> client.createRepoFor("p7-ada", repo))
                .isInstanceOfSatisfying(
                        GiteaException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageEndingWith("The repository with the same name already exists.");
        gitea.verify(
                postRequestedFor(urlEqualTo("/api/v1/admin/users/p7-ada/repos")).withRequestBody(equalToJson("""
                        {"name": "progy-ada-intro", "description": "Progress in @ada/intro", "private": true,
                         "default_branch": "main", "auto_init": false}
                        """)));
    }

    @Test
    void createsListsPageByPageAndDeletesTokens() {
        gitea.stubFor(post("/api/v1/users/p7-ada/tokens")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json;charset=utf-8")
                        .withBody("""
                                {"id": 9, "name": "progy-1", "sha1": "9fcb1158165773dd010fca5f0cf7174316c3e37d",
                                 "token_last_eight": "16c3e37d", "scopes": ["write:repository"]}
                                """)));
        // 53 tokens: a full page of 50, then 3.
        List<String> tokens = IntStream.rangeClosed(1, 53)
                .mapToObj(i -> "{\"id\": " + i + ", \"name\": \"t" + i
                        + "\", \"sha1\": \"\", \"token_last_eight\": \"abcdef12\", \"scopes\": [\"write:repository\"]}")
                .toList();
        gitea.stubFor(get(urlPathEqualTo("/api/v1/users/p7-ada/tokens"))
                .withQueryParam("page", equalTo("1"))
                .withQueryParam("limit", equalTo("50"))
                .willReturn(okJson("[" + String.join(",", tokens.subList(0, 50)) + "]")
                        .withHeader("X-Total-Count", "53")));
        gitea.stubFor(get(urlPathEqualTo("/api/v1/users/p7-ada/tokens"))
                .withQueryParam("page", equalTo("2"))
                .withQueryParam("limit", equalTo("50"))
                .willReturn(okJson("[" + String.join(",", tokens.subList(50, 53)) + "]")
                        .withHeader("X-Total-Count", "53")));
        gitea.stubFor(
                delete("/api/v1/users/p7-ada/tokens/9").willReturn(aResponse().withStatus(204)));
        gitea.stubFor(delete("/api/v1/users/p7-ada/tokens/10")
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json;charset=utf-8")
                        .withBody("{\"message\":\"The target couldn't be found.\",\"errors\":[]}")));
        var client = GiteaClient.withBasicAuth(baseUrl(), "root", "admin-token");

        GiteaToken created = client.createToken("p7-ada", "progy-1", List.of("write:repository"));
        List<GiteaToken> listed = client.listTokens("p7-ada");

        assertThat(created.secret()).isEqualTo("9fcb1158165773dd010fca5f0cf7174316c3e37d");
        assertThat(created.toString()).doesNotContain(created.secret());
        assertThat(listed).hasSize(53);
        assertThat(listed.stream().map(GiteaToken::name).collect(Collectors.toSet()))
                .contains("t1", "t50", "t53");
        assertThat(listed).allSatisfy(token -> assertThat(token.secret()).isNull());
        assertThat(client.deleteToken("p7-ada", 9)).isTrue();
        assertThat(client.deleteToken("p7-ada", 10)).isFalse();
        gitea.verify(postRequestedFor(urlEqualTo("/api/v1/users/p7-ada/tokens"))
                .withHeader("Authorization", equalTo("Basic cm9vdDphZG1pbi10b2tlbg=="))
                .withRequestBody(equalToJson("{\"name\": \"progy-1\", \"scopes\": [\"write:repository\"]}")));
    }

    @Test
    void stopsListingAtTheFirstShortPageWithoutATotalCount() {
        gitea.stubFor(get(urlPathEqualTo("/api/v1/users/p7-ada/tokens"))
                .withQueryParam("page", equalTo("1"))
                .willReturn(okJson("[{\"id\": 1, \"name\": \"only\", \"scopes\": []}]")));

        assertThat(GiteaClient.withBasicAuth(baseUrl(), "root", "pw").listTokens("p7-ada"))
                .extracting(GiteaToken::name)
                .containsExactly("only");
        gitea.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/users/p7-ada/tokens")));
    }

    static String repositoryJson(long id, String owner, String name) {
        return """
                {"id": %d, "owner": {"id": 12, "login": "%s", "email": "", "is_admin": false},
                 "name": "%s", "full_name": "%s/%s", "description": "", "empty": true, "private": true,
                 "fork": false, "template": false, "mirror": false, "size": 0,
                 "html_url": "https://git.example.org/%s/%s",
                 "ssh_url": "git@git.example.org:%s/%s.git",
                 "clone_url": "https://git.example.org/%s/%s.git",
                 "default_branch": "main", "archived": false,
                 "created_at": "2026-01-15T09:30:00Z", "updated_at": "2026-01-15T09:30:00Z"}
                """.formatted(id, owner, name, owner, name, owner, name, owner, name, owner, name);
    }
}
