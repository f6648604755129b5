package io.progy.orchestrator.git.github;

import io.progy.format.CourseName;
import io.progy.orchestrator.auth.User;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.ProblemCode;
import io.progy.orchestrator.git.GitCredentials;
import io.progy.orchestrator.git.GitHubLogins;
import io.progy.orchestrator.git.GitProperties;
import io.progy.orchestrator.git.GitProvider;
import io.progy.orchestrator.git.GitRepository;
import io.progy.orchestrator.git.GitRepository.RepoRow;
import io.progy.orchestrator.git.HostedProvisioning;
import io.progy.orchestrator.git.RepoNames;
import io.progy.orchestrator.git.RepoRef;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Students' repositories on GitHub: {@code <username>-progy-<scope>-<slug>}, private, in the operator's
 * organization, with the student's linked GitHub login added as a collaborator with push rights (GitHub mails them an
 * invitation). Creation is idempotent (GitHub's 422 "name already exists" is followed by a look-up) and shared by
 * concurrent callers ({@link HostedProvisioning}).
 *
 * <p>Credentials: with a GitHub App configured, an installation token limited to the one repository (contents
 * write, metadata read) that GitHub ends after one hour, whatever {@code PROGY_GIT_CREDENTIALS_TTL} says. A personal
 * or organization token cannot be narrowed to one repository, so without an App there are no credentials to hand out
 * (501): the student pushes with their own GitHub credentials, as the collaborator they are.
 */
@Service
@ConditionalOnProperty(prefix = "progy.git", name = "provider", havingValue = "github")
public class GitHubGitProvider implements GitProvider {

    static final String PROVIDER = "github";
    /** GitHub's longest repository name. */
    static final int MAX_REPO_NAME = 100;
    /** The git user name that goes with an installation token over HTTPS. */
    static final String TOKEN_USER = "x-access-token";

    private final GitRepository repos;
    private final GitHubLogins logins;
    private final GitHubHost github;
    private final HostedProvisioning hosted;

    GitHubGitProvider(GitRepository repos, GitHubLogins logins, GitHubHost github, GitProperties properties) {
        this.repos = repos;
        this.logins = logins;
        this.github = github;
        this.hosted = new HostedProvisioning("GitHub", repos, properties, GitHubHost::isTransient);
    }

    @Override
    public Mono<RepoRef> ensureRepo(User owner, CourseName course) {
        return logins.find(owner.id())
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        ProblemCode.GITHUB_NOT_LINKED,
                        "your repository for " + course + " lives on GitHub (organization " + github.organization()
                                + "), where you are added as a collaborator: Progy needs your GitHub login. Link your"
                                + " GitHub account, or send it once as github_login")))
                .flatMap(login -> RepoNames.findOrInsert(
                                repos,
                                owner.id(),
                                course,
                                PROVIDER,
                                github.organization(),
                                owner.username() + "-",
                                MAX_REPO_NAME)
                        .flatMap(row -> {
                            requireGitHub(row);
                            return hosted.ensure(row, course, recorded -> createAtGitHub(recorded, course, login));
                        }))
                .onErrorMap(IOException.class, hosted::problem);
    }

    @Override
    public Mono<RepoRef> findRepo(User owner, CourseName course) {
        return repos.find(owner.id(), course)
                .filter(row -> row.cloneUrl() != null)
                .map(row -> new RepoRef(course, row.name(), URI.create(row.cloneUrl()), false));
    }

    @Override
    public Mono<GitCredentials> issueCredentials(User owner, CourseName course, Duration ttl) {
        return repos.find(owner.id(), course)
                .filter(row -> row.cloneUrl() != null)
                .flatMap(row -> {
                    requireGitHub(row);
                    if (!github.issuesRepositoryTokens()) {
                        return Mono.error(new ApiException(
                                ProblemCode.NOT_SUPPORTED,
                                "this server has no GitHub App, and GitHub gives no token limited to one repository"
                                        + " without one: push to " + row.cloneUrl() + " with your own GitHub"
                                        + " credentials (you are a collaborator)"));
                    }
                    return hosted.once(() -> github.repositoryToken(row.name()))
                            .map(token -> new GitCredentials(
                                    TOKEN_USER, token.token(), URI.create(row.cloneUrl()), token.expiresAt()));
                })
                .onErrorMap(IOException.class, hosted::problem);
    }

    /** Creates (or finds) the repository and invites the student; safe to repeat. */
    private Mono<URI> createAtGitHub(RepoRow row, CourseName course, String login) {
        return hosted.once(() -> {
            URI url = github.ensureRepository(row.name(), "Progress of " + login + " in " + course);
            if (!github.addCollaborator(row.name(), login)) {
                throw new ApiException(
                        ProblemCode.INVALID_REQUEST,
                        "GitHub has no user " + login + ": link your actual GitHub account");
            }
            return url;
        });
    }

    private static void requireGitHub(RepoRow row) {
        if (!PROVIDER.equals(row.provider())) {
            throw new ApiException(
                    ProblemCode.GIT_HOST_FAILED,
                    "this repository was created on the " + row.provider() + " git provider, not on GitHub");
        }
    }
}
