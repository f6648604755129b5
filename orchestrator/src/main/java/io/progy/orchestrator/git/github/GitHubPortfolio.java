package io.progy.orchestrator.git.github;

import io.progy.format.CourseName;
import io.progy.orchestrator.auth.AuthProperties;
import io.progy.orchestrator.auth.github.GitHubSignIn;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.ProblemCode;
import io.progy.orchestrator.git.GitProperties;
import io.progy.orchestrator.git.GitRepository;
import io.progy.orchestrator.git.HostedProvisioning;
import java.io.IOException;
import java.net.URI;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * A student's portfolio: {@code progy-<slug>} in their own GitHub account, created (private unless asked otherwise)
 * with the token they granted when signing in with GitHub ({@code repo} scope), whatever git provider this server
 * uses. Safe to repeat: an existing repository is found ({@code GET /repos/{owner}/{repo}}) before one is created
 * ({@code POST /user/repos}), and a 422 "name already exists" from a concurrent creation is followed by a look-up.
 * The token goes back to the student (to push with) and is never logged.
 */
@Service
public class GitHubPortfolio {

    private static final Logger log = LoggerFactory.getLogger(GitHubPortfolio.class);

    /** The user name git sends with a GitHub token over HTTPS. */
    public static final String TOKEN_USER = GitHubGitProvider.TOKEN_USER;

    /** The portfolio repository, and the token that pushes to it. */
    public record Portfolio(String fullName, URI cloneUrl, boolean isPrivate, boolean created, String token) {
        @Override
        public String toString() {
            return "Portfolio[" + fullName + ", " + cloneUrl + ", private=" + isPrivate + ", created=" + created + "]";
        }
    }

    private final GitHubSignIn signIn;
    private final String apiUrl;
    private final HostedProvisioning github;

    GitHubPortfolio(GitHubSignIn signIn, AuthProperties auth, GitRepository repos, GitProperties properties) {
        this.signIn = signIn;
        this.apiUrl = auth.github().apiUrl();
        this.github = new HostedProvisioning("GitHub", repos, properties, GitHubHost::isTransient);
    }

    /** The repository name for a course: {@code progy-<slug>}. */
    public static String repoName(CourseName course) {
        return "progy-" + course.slug();
    }

    /**
     * Creates {@code progy-<slug>} in the user's GitHub account unless it exists.
     *
     * @param signInUrl where the user signs in with GitHub, as problems tell them
     */
    public Mono<Portfolio> ensure(long userId, CourseName course, boolean isPublic, URI signInUrl) {
        return signIn.repoToken(userId)
                .switchIfEmpty(
                        Mono.error(() -> accessNeeded("Progy has no access to your GitHub repositories", signInUrl)))
                .flatMap(token -> github.idempotent(() -> ensureAtGitHub(token, course, isPublic))
                        .onErrorMap(IOException.class, e -> problem(e, signInUrl)));
    }

    private Portfolio ensureAtGitHub(String token, CourseName course, boolean isPublic) throws IOException {
        GitHub gitHub = new GitHubBuilder()
                .withEndpoint(apiUrl)
                .withOAuthToken(token)
                .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
                .build();
        String owner = gitHub.getMyself().getLogin();
        String name = repoName(course);
        String fullName = owner + "/" + name;
        GHRepository repository;
        boolean created = false;
        try {
            repository = gitHub.getRepository(fullName);
        } catch (GHFileNotFoundException absent) {
            try {
                repository = gitHub.createRepository(name)
                        .private_(!isPublic)
                        .description("My work in the course " + course + ", with Progy")
                        .autoInit(false)
                        .create();
                created = true;
                log.info("created the portfolio {} ({})", fullName, isPublic ? "public" : "private");
            } catch (HttpException e) {
                if (e.getResponseCode() != 422) { // 422: created meanwhile, "name already exists on this account"
                    throw e;
                }
                repository = gitHub.getRepository(fullName);
            }
        }
        return new Portfolio(
                repository.getFullName(),
                URI.create(repository.getHttpTransportUrl()),
                repository.isPrivate(),
                created,
                token);
    }

    private ApiException problem(IOException e, URI signInUrl) {
        if (e instanceof HttpException http && http.getResponseCode() == 401) {
            return accessNeeded("GitHub no longer accepts the token you granted Progy (revoked or expired)", signInUrl);
        }
        return github.problem(e);
    }

    private static ApiException accessNeeded(String why, URI signInUrl) {
        return new ApiException(
                ProblemCode.GITHUB_ACCESS_NEEDED,
                why + ": sign in with GitHub at " + signInUrl + " and allow access to your repositories (the repo"
                        + " scope), then try again");
    }
}
