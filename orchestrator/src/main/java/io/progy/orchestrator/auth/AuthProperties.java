package io.progy.orchestrator.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Identity settings, bound from {@code progy.auth.*}; defaults in {@code application.yml}.
 *
 * @param loginTokenTtl lifetime of a token from signing in ({@code progy login}, password grant)
 * @param publishTokenTtl default lifetime of a publish-only token from {@code POST /v1/tokens} (CI)
 * @param apiTokenTtl default lifetime of any other token from {@code POST /v1/tokens}
 * @param maxTokenTtl the longest lifetime a token may be given
 * @param sessionTtl lifetime of a browser session
 * @param device the device authorization grant (RFC 8628)
 * @param encryptionKey base64 of 32 bytes: the AES-GCM key for secrets kept at rest (GitHub tokens). Blank:
 *     a key generated once into the data dir, which production mode refuses
 * @param github GitHub sign-in; disabled while the client id or secret is blank
 */
@ConfigurationProperties("progy.auth")
public record AuthProperties(
        Duration loginTokenTtl,
        Duration publishTokenTtl,
        Duration apiTokenTtl,
        Duration maxTokenTtl,
        Duration sessionTtl,
        Device device,
        String encryptionKey,
        GitHub github) {

    /**
     * @param codeTtl how long a device code and its user code stay valid ({@code expires_in})
     * @param interval the minimum polling interval a client is told ({@code interval}); {@code slow_down} adds
     *     5 seconds each time a client polls faster
     */
    public record Device(Duration codeTtl, Duration interval) {}

    /**
     * @param clientId the OAuth app's client id
     * @param clientSecret the OAuth app's client secret
     * @param webUrl where {@code /login/oauth/authorize} and {@code /login/oauth/access_token} live
     * @param apiUrl the REST API ({@code /user}, {@code /user/emails})
     * @param scopes the scopes asked for; {@code repo} lets the portfolio push to the person's repositories
     */
    public record GitHub(String clientId, String clientSecret, String webUrl, String apiUrl, String scopes) {

        public boolean enabled() {
            return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
        }
    }
}
