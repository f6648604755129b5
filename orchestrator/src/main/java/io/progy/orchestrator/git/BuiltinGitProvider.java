package io.progy.orchestrator.git;

import io.progy.format.CourseName;
import io.progy.format.Sha256;
import io.progy.orchestrator.auth.User;
import io.progy.orchestrator.config.Sql;
import io.progy.orchestrator.git.GitRepository.RepoRow;
import io.progy.orchestrator.git.GitRepository.TokenGrant;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The builtin git host's provider: bare repositories under the data dir ({@link BareRepositories}),
 * served by {@link GitHttpHandler} at {@code /git/<user>/progy-<scope>-<slug>.git}, with its own
 * short-lived tokens ({@code pgit_...}, stored as sha256) each bound to one repository.
 */
@Service
@ConditionalOnProperty(prefix = "progy.git", name = "provider", havingValue = "builtin", matchIfMissing = true)
class BuiltinGitProvider implements GitProvider {

    private static final Logger log = LoggerFactory.getLogger(BuiltinGitProvider.class);

    static final String PROVIDER = "builtin";
    /** Not {@code progy_}: a git token is never even looked up as an API token, nor the reverse. */
    static final String TOKEN_PREFIX = "pgit_";

    private final GitRepository repos;
    private final BareRepositories disk;
    private final SecureRandom random = new SecureRandom();

    BuiltinGitProvider(GitRepository repos, BareRepositories disk) {
        this.repos = repos;
        this.disk = disk;
    }

    static URI repoPath(String owner, String name) {
        return URI.create("/git/" + owner + "/" + name + ".git");
    }

    /** Records the repository, then creates it on disk on {@code boundedElastic} if it is not there yet. */
    @Override
    public Mono<RepoRef> ensureRepo(User owner, CourseName course) {
        return RepoNames.findOrInsert(repos, owner.id(), course, PROVIDER, owner.username(), RepoNames.MAX_LENGTH)
                .publishOn(Schedulers.boundedElastic())
                .map(row -> {
                    boolean created = disk.createIfAbsent(row.owner(), row.name());
                    if (created) {
                        log.debug("created git repository {}/{}", row.owner(), row.name());
                    }
                    return ref(course, row, created);
                });
    }

    @Override
    public Mono<RepoRef> findRepo(User owner, CourseName course) {
        return repos.find(owner.id(), course).map(row -> ref(course, row, false));
    }

    @Override
    public Mono<GitCredentials> issueCredentials(User owner, CourseName course, Duration ttl) {
        return repos.find(owner.id(), course).flatMap(row -> {
            String token = newToken();
            Instant expiresAt = Sql.timestamp(Instant.now().plus(ttl)).toInstant();
            return repos.insertToken(row.id(), sha256(token), expiresAt)
                    .thenReturn(
                            new GitCredentials(owner.username(), token, repoPath(row.owner(), row.name()), expiresAt));
        });
    }

    /**
     * The grant of a git token presented with HTTP Basic, or empty when the token is unknown, revoked or
     * expired, or the user name does not belong to it.
     */
    Mono<TokenGrant> authenticate(String username, String token) {
        if (!token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
            return Mono.empty();
        }
        return repos.findGrant(sha256(token), Instant.now())
                .filter(grant -> grant.username().equals(username));
    }

    /** Deletes the git tokens that have expired; returns how many. */
    @Override
    public Mono<Long> deleteExpiredTokens() {
        return repos.deleteTokensExpiredBefore(Instant.now());
    }

    private static RepoRef ref(CourseName course, RepoRow row, boolean created) {
        return new RepoRef(course, row.name(), repoPath(row.owner(), row.name()), created);
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256(String text) {
        return Sha256.hex(Sha256.newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
