package io.progy.orchestrator.git;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Git settings, bound from {@code progy.git.*}; defaults in {@code application.yml}.
 *
 * @param credentialsTtl how long a token from {@code POST /v1/git/credentials} stays valid
 * @param maxPushSize the largest pack a push may send to the builtin host
 * @param maxPacks how many pack files a repository of the builtin host may hold before it is repacked into one in
 *     the background (each push adds one; lookups in a push get slower with each)
 * @param tokenSweepInterval how often expired git tokens are deleted (on the builtin host and in Gitea)
 * @param provider where students' repositories live
 * @param hostRetries how many times an idempotent call to a hosted provider (Gitea, GitHub) is retried when the host
 *     is unreachable or overloaded
 * @param hostRetryBackoff the first pause between those retries (doubling, with jitter)
 * @param gitea settings of the {@code gitea} provider
 * @param github settings of the {@code github} provider
 */
@ConfigurationProperties("progy.git")
public record GitProperties(
        Duration credentialsTtl,
        DataSize maxPushSize,
        int maxPacks,
        Duration tokenSweepInterval,
        Provider provider,
        int hostRetries,
        Duration hostRetryBackoff,
        Gitea gitea,
        GitHub github) {

    /** The {@link GitProvider} implementations; {@code PROGY_GIT_PROVIDER} picks one. */
    public enum Provider {
        BUILTIN,
        GITEA,
        GITHUB
    }

    /**
     * @param url Gitea's root URL as this server reaches it, e.g. {@code http://gitea:3000}
     * @param adminToken an access token of a Gitea site administrator (scopes {@code write:admin},
     *     {@code write:user}, {@code write:repository})
     * @param adminTokenFile a file holding that token, read when {@code adminToken} is blank (Docker secrets)
     * @param adminPassword the administrator's password, used instead of the token for HTTP Basic on
     *     {@code /users/{name}/tokens}; blank means the token (accepted by Gitea, refused by Forgejo)
     * @param shadowEmailDomain the domain of the addresses given to shadow users (never routed: {@code .invalid})
     * @param startupTimeout how long start-up waits for an unreachable Gitea before giving up
     */
    public record Gitea(
            String url,
            String adminToken,
            String adminTokenFile,
            String adminPassword,
            String shadowEmailDomain,
            Duration startupTimeout) {}

    /**
     * @param apiUrl GitHub's REST API root ({@code https://api.github.com}, or GitHub Enterprise's
     *     {@code https://host/api/v3})
     * @param organization the organization that holds students' repositories
     * @param token a token that can create repositories in the organization and add collaborators; blank when a
     *     GitHub App is configured, whose installation token is then used instead
     * @param appId the GitHub App's id; with the two settings below, enables repository-scoped git credentials
     * @param appPrivateKeyFile the GitHub App's private key (PEM, PKCS#1 or PKCS#8)
     * @param appInstallationId the App's installation on the organization
     */
    public record GitHub(
            String apiUrl,
            String organization,
            String token,
            String appId,
            String appPrivateKeyFile,
            String appInstallationId) {}
}
