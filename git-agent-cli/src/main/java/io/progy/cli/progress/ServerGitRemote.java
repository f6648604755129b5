package io.progy.cli.progress;

import io.progy.cli.CliException;
import io.progy.cli.Output;
import io.progy.cli.http.ApiException;
import io.progy.cli.http.HttpApi;
import io.progy.cli.http.HttpApi.Auth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The progress repository as the Progy server provides it: {@code POST /v1/git/ensure-repo} creates it, {@code POST
 * /v1/git/credentials} hands out a short-lived token for it, cached in {@link GitCredentialCache}. Needs a login
 * ({@code progy login} or {@code PROGY_TOKEN}).
 */
public final class ServerGitRemote implements GitRemote {
    record CourseRequest(String course) {}

    /** {@code POST /v1/git/ensure-repo}'s answer. */
    public record EnsuredRepo(String course, String repoName, String repoUrl, boolean created) {}

    record CredentialsResponse(String gitUser, String gitToken, String repoUrl, String expiresAt) {}

    private final HttpApi http;
    private final String apiToken;
    private final String course;
    private final GitCredentialCache cache;
    private final Output output;

    /**
     * @param http the server, carrying {@code apiToken}
     * @param apiToken the token {@code http} sends, or null when not logged in
     */
    public ServerGitRemote(HttpApi http, String apiToken, String course, GitCredentialCache cache, Output output) {
        this.http = http;
        this.apiToken = apiToken;
        this.course = course;
        this.cache = cache;
        this.output = output;
    }

    public String server() {
        return http.server();
    }

    /** Creates the repository on the server if it does not exist yet. */
    public EnsuredRepo ensureRepo() {
        requireLogin();
        var repo = http.post("/v1/git/ensure-repo", new CourseRequest(course), EnsuredRepo.class, Auth.REQUIRED);
        GitAccess.checkedUrl(repo.repoUrl());
        output.debug((repo.created() ? "created " : "found ") + "the progress repository " + repo.repoUrl());
        return repo;
    }

    @Override
    public GitAccess access(boolean renew) {
        requireLogin();
        if (!renew) {
            var cached = cache.find(http.server(), course, apiToken);
            if (cached.isPresent()) {
                output.debug("using cached git credentials for " + course + " (until "
                        + cached.get().expiresAt() + ")");
                return cached.get();
            }
        }
        CredentialsResponse response;
        try {
            response = credentials();
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            ensureRepo(); // a workspace started offline: its repository is made on first contact
            response = credentials();
        }
        var access = new GitAccess(
                response.repoUrl(), response.gitUser(), response.gitToken(), expiry(response.expiresAt()));
        try {
            cache.put(http.server(), course, apiToken, access);
        } catch (IOException e) {
            output.debug("could not cache git credentials in " + cache.file() + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            output.debug("could not cache git credentials in " + cache.file() + ": " + e.getMessage());
        }
        return access;
    }

    private static Instant expiry(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            throw new CliException(
                    io.progy.cli.ExitCode.UNAVAILABLE, "the server sent git credentials without a valid expires_at");
        }
    }

    private CredentialsResponse credentials() {
        return http.post("/v1/git/credentials", new CourseRequest(course), CredentialsResponse.class, Auth.REQUIRED);
    }

    private void requireLogin() {
        if (apiToken == null) {
            throw CliException.notLoggedIn();
        }
    }
}
