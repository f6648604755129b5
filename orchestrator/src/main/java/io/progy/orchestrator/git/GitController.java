package io.progy.orchestrator.git;

import io.progy.format.CourseName;
import io.progy.orchestrator.auth.AccountService;
import io.progy.orchestrator.auth.Caller;
import io.progy.orchestrator.auth.User;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.ProblemCode;
import io.progy.orchestrator.git.GitApi.CourseRequest;
import io.progy.orchestrator.git.GitApi.CredentialsResponse;
import io.progy.orchestrator.git.GitApi.EnsureRepoRequest;
import io.progy.orchestrator.git.GitApi.EnsureRepoResponse;
import io.progy.orchestrator.git.github.GitHubPortfolio;
import io.progy.orchestrator.registry.CourseCatalog;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /v1/git/*}: a student's repository for a course, and short-lived credentials for it. */
@RestController
class GitController {

    private final GitProvider provider;
    private final AccountService accounts;
    private final CourseCatalog catalog;
    private final GitProperties properties;
    private final GitHubLogins githubLogins;
    private final GitHubPortfolio portfolio;

    GitController(
            GitProvider provider,
            AccountService accounts,
            CourseCatalog catalog,
            GitProperties properties,
            GitHubLogins githubLogins,
            GitHubPortfolio portfolio) {
        this.provider = provider;
        this.accounts = accounts;
        this.catalog = catalog;
        this.properties = properties;
        this.githubLogins = githubLogins;
        this.portfolio = portfolio;
    }

    /**
     * Creates the caller's repository for a published course (201), or returns the existing one (200); with
     * {@code target: github}, their portfolio in their own GitHub account, which also needs the {@code git} scope
     * (the answer carries their GitHub token to push with).
     */
    @PostMapping("/v1/git/ensure-repo")
    Mono<ResponseEntity<EnsureRepoResponse>> ensureRepo(
            Caller caller, @Valid @RequestBody EnsureRepoRequest body, ServerHttpRequest request) {
        caller.require(Caller.SCOPE_PROGRESS);
        if (body.portfolio()) {
            caller.require(Caller.SCOPE_GIT);
        }
        CourseName course = courseName(body.course());
        Mono<User> published = catalog.isPublished(course)
                .flatMap(
                        found -> found ? user(caller) : Mono.error(ApiException.notFound("no course named " + course)));
        if (body.portfolio()) {
            URI signIn = request.getURI().resolve("/auth/github");
            return published
                    .flatMap(user -> portfolio.ensure(user.id(), course, Boolean.TRUE.equals(body.isPublic()), signIn))
                    .map(repo -> ResponseEntity.status(repo.created() ? HttpStatus.CREATED : HttpStatus.OK)
                            .body(new EnsureRepoResponse(
                                    course.toString(),
                                    repo.fullName(),
                                    repo.cloneUrl().toString(),
                                    repo.created(),
                                    repo.isPrivate(),
                                    GitHubPortfolio.TOKEN_USER,
                                    repo.token())));
        }
        return published
                .flatMap(user -> linkGitHubLogin(user, body.githubLogin()).thenReturn(user))
                .flatMap(user -> provider.ensureRepo(user, course))
                .map(repo -> ResponseEntity.status(repo.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(new EnsureRepoResponse(
                                course.toString(), repo.name(), absolute(request, repo.url()), repo.created())));
    }

    /**
     * A token that can read and push the caller's repository for the course, and nothing else. Needs the
     * {@code git} scope.
     */
    @PostMapping("/v1/git/credentials")
    Mono<CredentialsResponse> credentials(
            Caller caller, @Valid @RequestBody CourseRequest body, ServerHttpRequest request) {
        caller.require(Caller.SCOPE_GIT);
        CourseName course = courseName(body.course());
        return user(caller)
                .flatMap(user -> provider.issueCredentials(user, course, properties.credentialsTtl()))
                .switchIfEmpty(Mono.error(() ->
                        ApiException.notFound("no repository for " + course + ": run ensure-repo (progy init) first")))
                .map(credentials -> new CredentialsResponse(
                        credentials.username(),
                        credentials.token(),
                        absolute(request, credentials.repoUrl()),
                        credentials.expiresAt()));
    }

    private static CourseName courseName(String name) {
        String text = name.trim();
        CourseName.problem(text).ifPresent(problem -> {
            throw new ApiException(ProblemCode.INVALID_NAME, "invalid course name " + text + ": " + problem);
        });
        return CourseName.parse(text);
    }

    /** Links the GitHub login the caller sent, unless their account has one; a different one is refused. */
    private Mono<Void> linkGitHubLogin(User user, String login) {
        if (login == null) {
            return Mono.empty();
        }
        return githubLogins
                .linkIfAbsent(user.id(), login)
                .flatMap(linked -> linked.equalsIgnoreCase(login)
                        ? Mono.empty()
                        : Mono.error(ApiException.invalidRequest(
                                "github_login", "your account is already linked to the GitHub user " + linked)));
    }

    private Mono<User> user(Caller caller) {
        return accounts.user(caller.userId());
    }

    /** The provider's URL as the client reaches this server, when it is a path here. */
    private static String absolute(ServerHttpRequest request, URI url) {
        return request.getURI().resolve(url).toString();
    }
}
