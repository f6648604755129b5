package io.progy.orchestrator.git;

import io.progy.format.CourseName;
import io.progy.orchestrator.config.Sql;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for {@code git_repos} (one row per user and course: the enrollment, whichever provider holds the repository)
 * and the builtin host's {@code git_tokens}.
 */
@Repository
public class GitRepository {

    /**
     * A recorded repository.
     *
     * @param provider the provider that holds it ({@code builtin}, {@code gitea}, {@code github})
     * @param owner the account or organization that owns it at the provider
     * @param cloneUrl where a hosted provider serves it, once created there; null on the builtin host
     */
    public record RepoRow(long id, long userId, String provider, String owner, String name, String cloneUrl) {}

    /** What a live git token grants: one repository, on behalf of its owner. */
    record TokenGrant(long userId, String username, String repoOwner, String repoName) {}

    private final DatabaseClient db;

    GitRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A user's repository for one course: the enrollment, as the dashboard lists it. */
    public record Enrollment(String courseScope, String courseSlug, RepoRow repo) {}

    /** Every course the user has a repository for, by course name. */
    public Flux<Enrollment> enrollments(long userId) {
        return db.sql("SELECT id, user_id, provider, repo_owner, repo_name, clone_url, course_scope, course_slug"
                        + " FROM git_repos WHERE user_id = :user ORDER BY course_scope, course_slug")
                .bind("user", userId)
                .map(row -> new Enrollment(
                        row.get("course_scope", String.class),
                        row.get("course_slug", String.class),
                        new RepoRow(
                                Sql.longValue(row, "id"),
                                Sql.longValue(row, "user_id"),
                                row.get("provider", String.class),
                                row.get("repo_owner", String.class),
                                row.get("repo_name", String.class),
                                row.get("clone_url", String.class))))
                .all();
    }

    public Mono<RepoRow> find(long userId, CourseName course) {
        return db.sql("SELECT id, user_id, provider, repo_owner, repo_name, clone_url FROM git_repos"
                        + " WHERE user_id = :user AND course_scope = :scope AND course_slug = :slug")
                .bind("user", userId)
                .bind("scope", course.scope())
                .bind("slug", course.slug())
                .map(row -> new RepoRow(
                        Sql.longValue(row, "id"),
                        Sql.longValue(row, "user_id"),
                        row.get("provider", String.class),
                        row.get("repo_owner", String.class),
                        row.get("repo_name", String.class),
                        row.get("clone_url", String.class)))
                .one();
    }

    /**
     * Records where a hosted provider serves the repository, unless that is already recorded.
     *
     * @return whether this call recorded it (exactly one caller does)
     */
    public Mono<Boolean> recordCloneUrl(long repoId, String cloneUrl) {
        return db.sql("UPDATE git_repos SET clone_url = :url WHERE id = :id AND clone_url IS NULL")
                .bind("url", cloneUrl)
                .bind("id", repoId)
                .fetch()
                .rowsUpdated()
                .map(updated -> updated > 0);
    }

    /**
     * Records the repository unless the user already has one for the course. Under concurrency the
     * unique constraint lets exactly one insert through; the others read the winner's row.
     *
     * @return the row, or empty when {@code name} is taken by another of the user's courses
     */
    public Mono<RepoRow> findOrInsert(long userId, CourseName course, String provider, String owner, String name) {
        return find(userId, course).switchIfEmpty(Mono.defer(() -> db.sql("INSERT INTO git_repos (user_id,"
                        + " course_scope, course_slug, provider, repo_owner, repo_name, created_at)"
                        + " VALUES (:user, :scope, :slug, :provider, :owner, :name, :now)")
                .bind("user", userId)
                .bind("scope", course.scope())
                .bind("slug", course.slug())
                .bind("provider", provider)
                .bind("owner", owner)
                .bind("name", name)
                .bind("now", Sql.now())
                .then()
                .onErrorResume(Sql::isConstraintViolation, e -> Mono.empty())
                .then(find(userId, course))));
    }

    Mono<Void> insertToken(long repoId, String tokenHash, Instant expiresAt) {
        return db.sql("INSERT INTO git_tokens (repo_id, token_hash, created_at, expires_at)"
                        + " VALUES (:repo, :hash, :now, :expires)")
                .bind("repo", repoId)
                .bind("hash", tokenHash)
                .bind("now", Sql.now())
                .bind("expires", Sql.timestamp(expiresAt))
                .then();
    }

    /** The grant of the token with this hash, if it is neither revoked nor expired. */
    Mono<TokenGrant> findGrant(String tokenHash, Instant now) {
        return db.sql("SELECT r.user_id, u.username, r.repo_owner, r.repo_name FROM git_tokens t"
                        + " JOIN git_repos r ON r.id = t.repo_id JOIN users u ON u.id = r.user_id"
                        + " WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND t.expires_at > :now")
                .bind("hash", tokenHash)
                .bind("now", Sql.timestamp(now))
                .map(row -> new TokenGrant(
                        Sql.longValue(row, "user_id"),
                        row.get("username", String.class),
                        row.get("repo_owner", String.class),
                        row.get("repo_name", String.class)))
                .one();
    }

    /** Deletes tokens that expired before {@code cutoff}; returns how many. */
    Mono<Long> deleteTokensExpiredBefore(Instant cutoff) {
        return db.sql("DELETE FROM git_tokens WHERE expires_at < :cutoff")
                .bind("cutoff", Sql.timestamp(cutoff))
                .fetch()
                .rowsUpdated();
    }
}
