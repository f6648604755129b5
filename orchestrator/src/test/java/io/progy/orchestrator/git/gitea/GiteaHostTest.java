package io.progy.orchestrator.git.gitea;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.progy.orchestrator.git.gitea.GiteaStubs.ADMIN;
import static io.progy.orchestrator.git.gitea.GiteaStubs.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import io.progy.orchestrator.config.InvalidConfigurationException;
import io.progy.orchestrator.git.GitProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up check of the Gitea connection, against WireMock stubs answering as Gitea does. */
class GiteaHostTest {

    private final WireMockServer gitea = new WireMockServer(options().dynamicPort());
    private final GiteaStubs stubs = new GiteaStubs(gitea);

    @BeforeEach
    void start() {
        gitea.start();
    }

    @AfterEach
    void stop() {
        gitea.stop();
    }

    private GitProperties.Gitea settings(String token, String tokenFile, String password, Duration startupTimeout) {
        return new GitProperties.Gitea(
                gitea.baseUrl(), token, tokenFile, password, "users.progy.invalid", startupTimeout);
    }

    private GitProperties.Gitea settings() {
        return settings(ADMIN_TOKEN, "", "", Duration.ofSeconds(5));
    }

    @Test
    void connectsAsTheAdministratorAndUsesHttpBasicForTokens() {
        stubs.administrator(true);

        GiteaHost host = GiteaHost.connect(settings());

        assertThat(host.adminLogin()).isEqualTo(ADMIN);
        gitea.verify(getRequestedFor(urlPathEqualTo("/api/v1/users/root/tokens"))
                .withBasicAuth(new BasicCredentials(ADMIN, ADMIN_TOKEN)));
    }

    @Test
    void refusesATokenOfANonAdministrator() {
        stubs.administrator(false);

        assertThatThrownBy(() -> GiteaHost.connect(settings()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'root'")
                .hasMessageContaining("is not a site administrator")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).action())
                        .contains("write:admin,write:user,write:repository"));
    }

    @Test
    void refusesARejectedToken() {
        gitea.stubFor(get("/api/v1/user").willReturn(GiteaStubs.apiError(401, "invalid username, password or token")));

        assertThatThrownBy(() -> GiteaHost.connect(settings()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Gitea rejected PROGY_GITEA_ADMIN_TOKEN")
                .hasMessageContaining("invalid username, password or token");
    }

    @Test
    void refusesATokenWithoutTheNeededScopes() {
        gitea.stubFor(get("/api/v1/user")
                .willReturn(GiteaStubs.apiError(
                        403, "token does not have at least one of required scope(s), required=[read:user]")));

        assertThatThrownBy(() -> GiteaHost.connect(settings()))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e ->
                        assertThat(((InvalidConfigurationException) e).action()).contains(GiteaHost.NEEDED_SCOPES));
    }

    @Test
    void saysToSetThePasswordWhenTheServerRefusesTheTokenOverHttpBasic() {
        // Forgejo only accepts a password over HTTP Basic on its token endpoints.
        stubs.administrator(true);
        gitea.stubFor(get(urlPathEqualTo("/api/v1/users/root/tokens"))
                .willReturn(GiteaStubs.apiError(401, "auth method not allowed")));

        assertThatThrownBy(() -> GiteaHost.connect(settings()))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).action())
                        .contains("PROGY_GITEA_ADMIN_PASSWORD"));
    }

    @Test
    void usesThePasswordForHttpBasicWhenGiven() {
        stubs.administrator(true);
        gitea.stubFor(get(urlPathEqualTo("/api/v1/users/root/tokens"))
                .withBasicAuth(ADMIN, "the password")
                .willReturn(GiteaStubs.json(200, "[]")));

        GiteaHost.connect(settings(ADMIN_TOKEN, "", "the password", Duration.ofSeconds(5)));

        gitea.verify(getRequestedFor(urlPathEqualTo("/api/v1/users/root/tokens"))
                .withBasicAuth(new BasicCredentials(ADMIN, "the password")));
    }

    @Test
    void readsTheTokenFromAFile(@TempDir Path dir) throws IOException {
        stubs.administrator(true);
        Path file = Files.writeString(dir.resolve("gitea-admin-token"), ADMIN_TOKEN + "\n");

        assertThat(GiteaHost.connect(settings("", file.toString(), "", Duration.ofSeconds(5)))
                        .adminLogin())
                .isEqualTo(ADMIN);
        assertThatThrownBy(() ->
                        GiteaHost.connect(settings("", dir.resolve("missing").toString(), "", Duration.ofSeconds(5))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("PROGY_GITEA_ADMIN_TOKEN_FILE");
    }

    @Test
    void givesUpOnAnUnreachableServerAfterTheStartupTimeout() {
        var unreachable = settings(ADMIN_TOKEN, "", "", Duration.ofMillis(600));
        gitea.stop();

        assertThatThrownBy(() -> GiteaHost.connect(unreachable))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Gitea is unreachable at " + unreachable.url());
    }

    @Test
    void needsAUrlAndAToken() {
        assertThatThrownBy(() -> GiteaHost.connect(
                        new GitProperties.Gitea("", ADMIN_TOKEN, "", "", "users.progy.invalid", Duration.ZERO)))
                .hasMessage("PROGY_GIT_PROVIDER=gitea needs PROGY_GITEA_URL.");
        assertThatThrownBy(() -> GiteaHost.connect(new GitProperties.Gitea(
                        "gitea:3000", ADMIN_TOKEN, "", "", "users.progy.invalid", Duration.ZERO)))
                .hasMessageStartingWith("PROGY_GITEA_URL is not an http(s) URL");
        assertThatThrownBy(() -> GiteaHost.connect(settings("", "", "", Duration.ZERO)))
                .hasMessage("PROGY_GIT_PROVIDER=gitea needs the token of a Gitea administrator.");
    }
}
