package io.progy.orchestrator.git.gitea;

import io.progy.gitea.GiteaClient;
import io.progy.gitea.GiteaException;
import io.progy.gitea.GiteaUser;
import io.progy.orchestrator.config.InvalidConfigurationException;
import io.progy.orchestrator.git.GitProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Gitea server as the provider uses it: a client authenticated with the administrator's token for the admin
 * API, and one authenticated with HTTP Basic as the administrator for {@code /users/{name}/tokens} (Gitea accepts
 * nothing else there). {@link #connect} checks at start-up that the token belongs to a site administrator.
 */
final class GiteaHost {

    private static final Logger log = LoggerFactory.getLogger(GiteaHost.class);

    static final String NEEDED_SCOPES = "write:admin, write:user and write:repository";

    private final URI url;
    private final GiteaClient admin;
    private final GiteaClient tokens;
    private final String adminLogin;
    private final String shadowEmailDomain;

    private GiteaHost(URI url, GiteaClient admin, GiteaClient tokens, String adminLogin, String shadowEmailDomain) {
        this.url = url;
        this.admin = admin;
        this.tokens = tokens;
        this.adminLogin = adminLogin;
        this.shadowEmailDomain = shadowEmailDomain;
    }

    /**
     * Connects to Gitea and checks the administrator's credentials, waiting up to the start-up timeout while Gitea
     * cannot be reached. Blocks: called once, while the server starts.
     *
     * @throws InvalidConfigurationException when a setting is missing or wrong, or Gitea stays unreachable
     */
    static GiteaHost connect(GitProperties.Gitea settings) {
        URI url = url(settings.url());
        String token = adminToken(settings);
        GiteaClient admin = GiteaClient.withToken(url, token);
        GiteaUser user = untilReachable(url, settings.startupTimeout(), admin::currentUser, "GET /api/v1/user");
        if (!user.admin()) {
            throw new InvalidConfigurationException(
                    "The Gitea account '" + user.login() + "' that PROGY_GITEA_ADMIN_TOKEN belongs to is not a site"
                            + " administrator; Progy creates users and repositories through Gitea's admin API.",
                    "Use a token of a Gitea administrator with the scopes " + NEEDED_SCOPES + ", e.g. `gitea admin"
                            + " user generate-access-token --username <admin> --scopes"
                            + " write:admin,write:user,write:repository`.");
        }
        boolean withPassword =
                settings.adminPassword() != null && !settings.adminPassword().isBlank();
        GiteaClient tokens =
                GiteaClient.withBasicAuth(url, user.login(), withPassword ? settings.adminPassword() : token);
        untilReachable(
                url, settings.startupTimeout(), () -> tokens.listTokens(user.login()), "GET /users/{name}/tokens");
        log.info("Git provider gitea: {} as administrator {}", url, user.login());
        return new GiteaHost(url, admin, tokens, user.login(), settings.shadowEmailDomain());
    }

    /** The client for the admin API and reads. */
    GiteaClient admin() {
        return admin;
    }

    /** The client for {@code /users/{name}/tokens}. */
    GiteaClient tokens() {
        return tokens;
    }

    String adminLogin() {
        return adminLogin;
    }

    String shadowEmailDomain() {
        return shadowEmailDomain;
    }

    URI url() {
        return url;
    }

    /** Whether a failed call is worth retrying: Gitea unreachable, or answering 502, 503 or 504. */
    static boolean isTransient(Throwable error) {
        return error instanceof GiteaException gitea && gitea.isTransient();
    }

    private static <T> T untilReachable(URI url, Duration timeout, Callable<T> call, String what) {
        Instant deadline = Instant.now().plus(timeout);
        Duration pause = Duration.ofMillis(250);
        while (true) {
            try {
                return call.call();
            } catch (GiteaException e) {
                if (!e.isTransient()) {
                    throw refused(what, e);
                }
                if (Instant.now().plus(pause).isAfter(deadline)) {
                    throw new InvalidConfigurationException(
                            "Gitea is unreachable at " + url + " (" + e.getMessage() + ").",
                            "Start Gitea, or set PROGY_GITEA_URL to its root URL as this server reaches it;"
                                    + " PROGY_GITEA_STARTUP_TIMEOUT sets how long start-up waits for it.");
                }
                log.info("waiting for Gitea at {}: {}", url, e.getMessage());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                        ? Duration.ofSeconds(5)
                        : pause.multipliedBy(2);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static InvalidConfigurationException refused(String what, GiteaException e) {
        if (e.status() == 401 && what.contains("tokens")) {
            return new InvalidConfigurationException(
                    "Gitea refused HTTP Basic as the administrator on " + what + " (" + e.getMessage() + ").",
                    "Gitea only accepts HTTP Basic on its token endpoints; Forgejo also requires the password: set"
                            + " PROGY_GITEA_ADMIN_PASSWORD to the administrator's password.");
        }
        if (e.status() == 401) {
            return new InvalidConfigurationException(
                    "Gitea rejected PROGY_GITEA_ADMIN_TOKEN (" + e.getMessage() + ").",
                    "Set PROGY_GITEA_ADMIN_TOKEN (or PROGY_GITEA_ADMIN_TOKEN_FILE) to a valid token of a Gitea"
                            + " administrator.");
        }
        if (e.status() == 403) {
            return new InvalidConfigurationException(
                    "Gitea refused " + what + " with the admin token (" + e.getMessage() + ").",
                    "Give the token the scopes " + NEEDED_SCOPES + ".");
        }
        return new InvalidConfigurationException(
                "Gitea answered " + what + " unexpectedly (" + e.getMessage() + ").",
                "Check that PROGY_GITEA_URL points at Gitea's root URL (without /api/v1).");
    }

    private static URI url(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidConfigurationException(
                    "PROGY_GIT_PROVIDER=gitea needs PROGY_GITEA_URL.",
                    "Set PROGY_GITEA_URL to Gitea's root URL as this server reaches it, e.g. http://gitea:3000.");
        }
        try {
            URI url = URI.create(text.trim());
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    "PROGY_GITEA_URL is not an http(s) URL: " + text,
                    "Set PROGY_GITEA_URL to Gitea's root URL, e.g. http://gitea:3000.");
        }
    }

    private static String adminToken(GitProperties.Gitea settings) {
        if (settings.adminToken() != null && !settings.adminToken().isBlank()) {
            return settings.adminToken().trim();
        }
        String file = settings.adminTokenFile();
        if (file == null || file.isBlank()) {
            throw new InvalidConfigurationException(
                    "PROGY_GIT_PROVIDER=gitea needs the token of a Gitea administrator.",
                    "Set PROGY_GITEA_ADMIN_TOKEN, or PROGY_GITEA_ADMIN_TOKEN_FILE to a file holding it.");
        }
        try {
            String token = Files.readString(Path.of(file.trim())).trim();
            if (token.isEmpty()) {
                throw new IOException("the file is empty");
            }
            return token;
        } catch (IOException e) {
            throw new InvalidConfigurationException(
                    "Cannot read the Gitea admin token from PROGY_GITEA_ADMIN_TOKEN_FILE=" + file + ": "
                            + e.getMessage(),
                    "Point PROGY_GITEA_ADMIN_TOKEN_FILE at a readable file holding the token, or set"
                            + " PROGY_GITEA_ADMIN_TOKEN.");
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Gitea", e);
        }
    }
}
