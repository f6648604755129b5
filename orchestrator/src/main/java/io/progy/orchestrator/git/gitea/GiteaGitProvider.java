package io.progy.orchestrator.git.gitea;

import io.progy.format.CourseName;
import io.progy.gitea.GiteaException;
import io.progy.gitea.GiteaRepo;
import io.progy.gitea.GiteaToken;
import io.progy.gitea.GiteaUser;
import io.progy.gitea.NewRepo;
import io.progy.gitea.NewUser;
import io.progy.orchestrator.auth.User;
import io.progy.orchestrator.config.Sql;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.ProblemCode;
import io.progy.orchestrator.git.GitCredentials;
import io.progy.orchestrator.git.GitProperties;
import io.progy.orchestrator.git.GitProvider;
import io.progy.orchestrator.git.GitRepository;
import io.progy.orchestrator.git.GitRepository.RepoRow;
import io.progy.orchestrator.git.HostedProvisioning;
import io.progy.orchestrator.git.RepoNames;
import io.progy.orchestrator.git.RepoRef;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Students' repositories on Gitea. The first {@code ensure-repo} of a Progy user creates their shadow user (admin
 * API; a random password used once and kept nowhere), then each course's repository under it, private and empty.
 * Credentials are Gitea access tokens of the shadow user with the narrowest scope Gitea offers for git over HTTP,
 * {@code write:repository}; as the shadow user owns nothing but the student's own Progy repositories, a token
 * reaches no one else's. Gitea tokens never expire, so their expiry is kept here and {@link #deleteExpiredTokens}
 * deletes them in Gitea.
 *
 * <p>Every step is idempotent and safe under concurrency: one in-process provisioning per repository at a time,
 * Gitea's 409/422 answers ("exists") followed by a look-up, and a conditional update that lets exactly one caller
 * report the repository as created.
 */
@Service
@ConditionalOnProperty(prefix = "progy.git", name = "provider", havingValue = "gitea")
public class GiteaGitProvider implements GitProvider {

    private static final Logger log = LoggerFactory.getLogger(GiteaGitProvider.class);

    static final String PROVIDER = "gitea";
    /** Gitea's longest repository name. */
    static final int MAX_REPO_NAME = 100;
    /** The narrowest scope that lets a token clone and push over HTTP. */
    static final List<String> TOKEN_SCOPES = List.of("write:repository");

    static final String DEFAULT_BRANCH = "main";

    /** {@code progy-<repository>-exp<epoch seconds>-<random>}: findable, and self-describing when our row is lost. */
    private static final Pattern TOKEN_NAME = Pattern.compile("progy-.+-exp(\\d{1,12})-[0-9a-f]{8}");

    private final GitRepository repos;
    private final GiteaTokenRepository tokens;
    private final GiteaHost gitea;
    private final HostedProvisioning hosted;
    private final SecureRandom random = new SecureRandom();

    GiteaGitProvider(GitRepository repos, GiteaTokenRepository tokens, GiteaHost gitea, GitProperties properties) {
        this.repos = repos;
        this.tokens = tokens;
        this.gitea = gitea;
        this.hosted = new HostedProvisioning("Gitea", repos, properties, GiteaHost::isTransient);
    }

    @Override
    public Mono<RepoRef> ensureRepo(User owner, CourseName course) {
        String login = ShadowUsers.login(owner);
        return RepoNames.findOrInsert(repos, owner.id(), course, PROVIDER, login, MAX_REPO_NAME)
                .flatMap(row -> {
                    requireGitea(row);
                    return hosted.ensure(row, course, recorded -> createAtGitea(recorded, course));
                })
                .onErrorMap(GiteaException.class, hosted::problem);
    }

    @Override
    public Mono<RepoRef> findRepo(User owner, CourseName course) {
        return repos.find(owner.id(), course)
                .filter(row -> row.cloneUrl() != null)
                .map(row -> ref(course, row.name(), row.cloneUrl(), false));
    }

    /** A new access token of the shadow user; not retried (a lost answer leaves a token the sweeper deletes). */
    @Override
    public Mono<GitCredentials> issueCredentials(User owner, CourseName course, Duration ttl) {
        return repos.find(owner.id(), course)
                .filter(row -> row.cloneUrl() != null)
                .flatMap(row -> {
                    requireGitea(row);
                    Instant expiresAt = Sql.timestamp(Instant.now().plus(ttl)).toInstant();
                    String name = tokenName(row.name(), expiresAt);
                    return hosted.once(() -> gitea.tokens().createToken(row.owner(), name, TOKEN_SCOPES))
                            .flatMap(token -> tokens.insert(row.id(), row.owner(), token.id(), name, expiresAt)
                                    .thenReturn(new GitCredentials(
                                            row.owner(), token.secret(), URI.create(row.cloneUrl()), expiresAt)));
                })
                .onErrorMap(GiteaException.class, hosted::problem);
    }

    /**
     * Deletes in Gitea every Progy token that has expired, for each shadow user that has one on record, and
     * forgets them here. Lists each such user's tokens page by page, so tokens whose row was lost (a crash between
     * Gitea's answer and our insert) go too: their name carries their expiry.
     *
     * @return how many tokens were deleted in Gitea
     */
    @Override
    public Mono<Long> deleteExpiredTokens() {
        Instant now = Instant.now();
        return tokens.usersWithTokensExpiredBefore(now)
                .concatMap(login -> sweep(login, now).onErrorResume(e -> {
                    log.warn("could not delete expired Gitea tokens of {}: {}", login, e.toString());
                    return Mono.just(0L);
                }))
                .reduce(0L, Long::sum);
    }

    /** Deletes {@code login}'s expired tokens in Gitea: those on record here, and Progy's by the expiry in the name. */
    private Mono<Long> sweep(String login, Instant now) {
        return tokens.expiredTokenIds(login, now)
                .collect(Collectors.toSet())
                .flatMap(expired -> hosted.idempotent(() -> {
                    long deleted = 0;
                    for (GiteaToken token : gitea.tokens().listTokens(login)) {
                        boolean due = expired.contains(token.id()) || expiredBefore(token.name(), now);
                        if (due && gitea.tokens().deleteToken(login, token.id())) {
                            deleted++;
                        }
                    }
                    return deleted;
                }))
                .flatMap(deleted -> tokens.deleteExpiredBefore(login, now).thenReturn(deleted));
    }

    /** Creates (or finds) the shadow user, then the repository under it; safe to repeat. */
    private Mono<URI> createAtGitea(RepoRow row, CourseName course) {
        return ensureShadowUser(row.owner())
                .then(ensureRepository(row.owner(), row.name(), course))
                .map(GiteaRepo::cloneUrl);
    }

    /** The shadow user, created unless it exists; an existing one must carry Progy's address. */
    private Mono<GiteaUser> ensureShadowUser(String login) {
        String email = ShadowUsers.email(login, gitea.shadowEmailDomain());
        return hosted.once(() -> gitea.admin().findUser(login)).flatMap(found -> {
            if (found.isPresent()) {
                return Mono.just(requireShadow(found.get(), email));
            }
            return hosted.once(() -> gitea.admin()
                            .createUser(new NewUser(login, email, ShadowUsers.newPassword(), true, "private")))
                    .doOnNext(created -> log.info("created Gitea user {}", login))
                    .onErrorResume(GiteaGitProvider::exists, exists -> hosted.once(
                                    () -> gitea.admin().findUser(login))
                            .flatMap(again -> Mono.justOrEmpty(again.map(user -> requireShadow(user, email))))
                            .switchIfEmpty(Mono.error(exists)));
        });
    }

    /** The repository, created unless it exists. */
    private Mono<GiteaRepo> ensureRepository(String login, String name, CourseName course) {
        return hosted.once(() -> gitea.admin().findRepo(login, name)).flatMap(found -> {
            if (found.isPresent()) {
                return Mono.just(found.get());
            }
            NewRepo repo = new NewRepo(name, "Progress in " + course, true, DEFAULT_BRANCH);
            return hosted.once(() -> gitea.admin().createRepoFor(login, repo))
                    .doOnNext(created -> log.info("created Gitea repository {}/{}", login, name))
                    .onErrorResume(GiteaGitProvider::exists, exists -> hosted.once(
                                    () -> gitea.admin().findRepo(login, name))
                            .flatMap(Mono::justOrEmpty)
                            .switchIfEmpty(Mono.error(exists)));
        });
    }

    private static GiteaUser requireShadow(GiteaUser user, String email) {
        if (user.email() == null || !user.email().toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT))) {
            throw new ApiException(
                    ProblemCode.GIT_HOST_FAILED,
                    "the Gitea account " + user.login() + " exists but was not created by Progy; an administrator"
                            + " must rename or remove it");
        }
        return user;
    }

    private static void requireGitea(RepoRow row) {
        if (!PROVIDER.equals(row.provider())) {
            throw new ApiException(
                    ProblemCode.GIT_HOST_FAILED,
                    "this repository was created on the " + row.provider() + " git provider, not on Gitea");
        }
    }

    /** Gitea answers 409 for a taken repository name and 422 for a taken user name or email. */
    private static boolean exists(Throwable error) {
        return error instanceof GiteaException gitea && (gitea.status() == 409 || gitea.status() == 422);
    }

    private String tokenName(String repoName, Instant expiresAt) {
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        return "progy-" + repoName + "-exp" + expiresAt.getEpochSecond() + "-"
                + HexFormat.of().formatHex(suffix);
    }

    static boolean expiredBefore(String tokenName, Instant cutoff) {
        Matcher matcher = TOKEN_NAME.matcher(tokenName == null ? "" : tokenName);
        return matcher.matches() && Long.parseLong(matcher.group(1)) < cutoff.getEpochSecond();
    }

    private static RepoRef ref(CourseName course, String name, String cloneUrl, boolean created) {
        return new RepoRef(course, name, URI.create(cloneUrl), created);
    }
}
