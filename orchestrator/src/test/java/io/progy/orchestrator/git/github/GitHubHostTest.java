package io.progy.orchestrator.git.github;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.progy.orchestrator.config.InvalidConfigurationException;
import io.progy.orchestrator.git.GitProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitHub settings checked at start-up, and the App's JSON Web Token. */
class GitHubHostTest {

    @Test
    void needsAnOrganizationAndCredentials() {
        assertThatThrownBy(() -> GitHubHost.connect(new GitProperties.GitHub("", "", "tok", "", "", "")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("PROGY_GIT_PROVIDER=github needs PROGY_GITHUB_ORG.");
        assertThatThrownBy(() -> GitHubHost.connect(new GitProperties.GitHub("", "acme", "", "", "", "")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("PROGY_GIT_PROVIDER=github needs credentials for the organization acme.");
        assertThatThrownBy(() -> GitHubHost.connect(new GitProperties.GitHub("", "acme", "tok", "12", "", "")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("PROGY_GITHUB_APP_ID, PROGY_GITHUB_APP_PRIVATE_KEY_FILE and"
                        + " PROGY_GITHUB_APP_INSTALLATION_ID together");
    }

    @Test
    void reportsAnOrganizationTheTokenCannotSee() {
        WireMockServer github = new WireMockServer(options().dynamicPort());
        github.start();
        try {
            github.stubFor(get("/orgs/acme")
                    .willReturn(GitHubStubs.json(
                            404,
                            "{\"message\": \"Not Found\", \"documentation_url\": \"https://docs.github.com/rest\"}")));

            assertThatThrownBy(() ->
                            GitHubHost.connect(new GitProperties.GitHub(github.baseUrl(), "acme", "tok", "", "", "")))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageStartingWith("GitHub refused the settings for the organization acme");
        } finally {
            github.stop();
        }
    }

    @Test
    void refusesAKeyThatIsNotAPemRsaKey(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("app.pem"), "not a key");

        assertThatThrownBy(
                        () -> GitHubHost.connect(new GitProperties.GitHub("", "acme", "", "12", key.toString(), "34")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("Cannot read the GitHub App's private key");
    }

    @Test
    void signsAShortLivedTokenIssuedByTheAppWithAPkcs8Key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        var jwt = new GitHubAppJwt("Iv1.abc", GitHubAppJwt.readPrivateKey(pem), Clock.fixed(now, ZoneOffset.UTC));

        String token = jwt.getEncodedAuthorization().substring("Bearer ".length());

        String[] parts = token.split("\\.");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(pair.getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                .isEqualTo("{\"iat\":" + now.minusSeconds(60).getEpochSecond() + ",\"exp\":"
                        + now.plusSeconds(540).getEpochSecond() + ",\"iss\":\"Iv1.abc\"}");
        assertThat(jwt.getEncodedAuthorization()).isEqualTo("Bearer " + token); // reused while fresh
    }
}
