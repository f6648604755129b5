package io.progy.gitea;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
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
}
