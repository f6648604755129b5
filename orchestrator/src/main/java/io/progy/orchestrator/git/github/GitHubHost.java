package io.progy.orchestrator.git.github;

import io.progy.orchestrator.config.InvalidConfigurationException;
import io.progy.orchestrator.git.GitProperties;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kohsuke.github.GHAppInstallation;
import org.kohsuke.github.GHAppInstallationToken;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHOrganization;
import org.kohsuke.github.GHPermissionType;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.authorization.AppInstallationAuthorizationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub as the provider uses it: the organization, reached with the operator's token or, without one, as the GitHub
 * App's installation; and, when an App is configured, its installation, which mints repository-scoped tokens. Every
 * method blocks (HTTP): run them on {@code boundedElastic}. Rate limits fail fast instead of blocking a thread.
 */
final class GitHubHost {

    private static final Logger log = LoggerFactory.getLogger(GitHubHost.class);

    /** A token limited to one repository, and when GitHub ends it. */
    record RepositoryToken(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "RepositoryToken[expiresAt=" + expiresAt + "]";
        }
    }

    private final GitHub github;
    private final GHOrganization organization;
    private final GHAppInstallation installation;

    private GitHubHost(GitHub github, GHOrganization organization, GHAppInstallation installation) {
        this.github = github;
        this.organization = organization;
        this.installation = installation;
    }

    /**
     * Connects to GitHub and checks the settings: the App (when configured) and its installation, and that the
     * organization is visible with the credentials. Blocks: called once, while the server starts.
     *
     * @throws InvalidConfigurationException when a setting is missing or wrong, or GitHub refuses them
     */
    static GitHubHost connect(GitProperties.GitHub settings) {
        String org = required(
                settings.organization(), "PROGY_GITHUB_ORG", "the organization that holds students' repositories");
        String api = blank(settings.apiUrl())
                ? "https://api.github.com"
                : settings.apiUrl().trim();
        boolean withToken = !blank(settings.token());
        Optional<GitHubAppJwt> app = app(settings);
        if (!withToken && app.isEmpty()) {
            throw new InvalidConfigurationException(
                    "PROGY_GIT_PROVIDER=github needs credentials for the organization " + org + ".",
                    "Set PROGY_GITHUB_TOKEN to a token that can create repositories in " + org + " and add"
                            + " collaborators, or configure a GitHub App (PROGY_GITHUB_APP_ID,"
                            + " PROGY_GITHUB_APP_PRIVATE_KEY_FILE, PROGY_GITHUB_APP_INSTALLATION_ID).");
        }
        try {
            GHAppInstallation installation = null;
            if (app.isPresent()) {
                GitHub asApp = builder(api).withAuthorizationProvider(app.get()).build();
                long installationId =
                        Long.parseLong(settings.appInstallationId().trim());
                installation = asApp.getApp().getInstallationById(installationId);
            }
            GitHubBuilder builder = builder(api);
            if (withToken) {
                builder.withOAuthToken(settings.token().trim());
            } else {
                long installationId =
                        Long.parseLong(settings.appInstallationId().trim());
                builder.withAuthorizationProvider(new AppInstallationAuthorizationProvider(
                        asApp -> asApp.getInstallationById(installationId), app.get()));
            }
            GitHub github = builder.build();
            GHOrganization organization = github.getOrganization(org);
            log.info(
                    "Git provider github: organization {} at {}{}",
                    org,
                    api,
                    installation == null ? " (no GitHub App: no repository-scoped git credentials)" : ", with an App");
            return new GitHubHost(github, organization, installation);
        } catch (IOException e) {
            throw new InvalidConfigurationException(
                    "GitHub refused the settings for the organization " + org + " at " + api + ": " + describe(e),
                    "Check PROGY_GITHUB_ORG, PROGY_GITHUB_TOKEN (scopes repo and admin:org, or a fine-grained token"
                            + " with Administration and Members write) and the GitHub App settings.");
        }
    }

    String organization() {
        return organization.getLogin();
    }

    boolean issuesRepositoryTokens() {
        return installation != null;
    }

    /** The private repository {@code name} in the organization, created empty unless it exists; its clone URL. */
    URI ensureRepository(String name, String description) throws IOException {
        GHRepository repository;
        try {
            repository = organization
                    .createRepository(name)
                    .private_(true)
                    .description(description)
                    .autoInit(false)
                    .create();
            log.info("created GitHub repository {}/{}", organization(), name);
        } catch (HttpException e) {
            if (e.getResponseCode() != 422) { // 422: "name already exists on this account"
                throw e;
            }
            repository = github.getRepository(organization() + "/" + name);
        }
        return URI.create(repository.getHttpTransportUrl());
    }

    /**
     * Gives {@code login} push rights on the repository: a collaborator invitation GitHub mails to them, or at once
     * for members of the organization. Repeating it is harmless.
     *
     * @return false when GitHub has no user {@code login}
     */
    boolean addCollaborator(String repository, String login) throws IOException {
        GHUser user;
        try {
            user = github.getUser(login);
        } catch (GHFileNotFoundException e) {
            return false;
        }
        github.getRepository(organization() + "/" + repository)
                .addCollaborators(GHOrganization.RepositoryRole.from(GHOrganization.Permission.PUSH), user);
        return true;
    }

    /** An installation token of the App that can read and push {@code repository} and nothing else. */
    RepositoryToken repositoryToken(String repository) throws IOException {
        GHAppInstallationToken token = installation
                .createToken()
                .repositories(List.of(repository))
                .permissions(Map.of("contents", GHPermissionType.WRITE, "metadata", GHPermissionType.READ))
                .create();
        return new RepositoryToken(token.getToken(), token.getExpiresAt().toInstant());
    }

    /** Whether a failure is worth retrying: GitHub unreachable, or answering 502, 503 or 504. */
    static boolean isTransient(Throwable error) {
        if (error instanceof HttpException http) {
            int status = http.getResponseCode();
            return status <= 0 || status == 502 || status == 503 || status == 504;
        }
        return error instanceof IOException && !(error instanceof FileNotFoundException);
    }

    static String describe(IOException e) {
        if (e instanceof HttpException http && http.getResponseCode() > 0) {
            return "HTTP " + http.getResponseCode() + " " + firstLine(http.getMessage());
        }
        return e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static GitHubBuilder builder(String api) {
        return new GitHubBuilder()
                .withEndpoint(api)
                .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL);
    }

    private static Optional<GitHubAppJwt> app(GitProperties.GitHub settings) {
        boolean id = !blank(settings.appId());
        boolean key = !blank(settings.appPrivateKeyFile());
        boolean installation = !blank(settings.appInstallationId());
        if (!id && !key && !installation) {
            return Optional.empty();
        }
        if (!id || !key || !installation) {
            throw new InvalidConfigurationException(
                    "A GitHub App needs PROGY_GITHUB_APP_ID, PROGY_GITHUB_APP_PRIVATE_KEY_FILE and"
                            + " PROGY_GITHUB_APP_INSTALLATION_ID together.",
                    "Set all three (from the App's settings page and its installation on the organization), or"
                            + " none.");
        }
        if (!settings.appInstallationId().trim().matches("\\d{1,19}")) {
            throw new InvalidConfigurationException(
                    "PROGY_GITHUB_APP_INSTALLATION_ID is not a number: " + settings.appInstallationId(),
                    "Use the number at the end of the installation's URL (…/settings/installations/<id>).");
        }
        Path keyFile = Path.of(settings.appPrivateKeyFile().trim());
        try {
            return Optional.of(new GitHubAppJwt(
                    settings.appId().trim(),
                    GitHubAppJwt.readPrivateKey(Files.readString(keyFile)),
                    Clock.systemUTC()));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    "Cannot read the GitHub App's private key from " + keyFile + ": " + e.getMessage(),
                    "Point PROGY_GITHUB_APP_PRIVATE_KEY_FILE at the .pem file GitHub generated for the App.");
        }
    }

    private static String required(String value, String variable, String what) {
        if (blank(value)) {
            throw new InvalidConfigurationException(
                    "PROGY_GIT_PROVIDER=github needs " + variable + ".", "Set " + variable + " to " + what + ".");
        }
        return value.trim();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
