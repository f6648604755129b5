package io.progy.orchestrator.git;

import io.progy.format.CourseName;
import io.progy.orchestrator.auth.User;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Where students' progress repositories live: one repository per user and course. Implementations
 * ({@code builtin} now; Gitea and GitHub later) keep their vendor types to themselves.
 */
public interface GitProvider {

    /**
     * Creates {@code owner}'s repository for {@code course} unless it exists. Idempotent: any number of
     * concurrent calls for one user and course end with one repository, and exactly one of them reports
     * {@link RepoRef#created()}.
     */
    Mono<RepoRef> ensureRepo(User owner, CourseName course);

    /** The user's repository for the course, or empty when they have none (not enrolled). */
    Mono<RepoRef> findRepo(User owner, CourseName course);

    /**
     * Issues credentials that can read and push {@code owner}'s repository for {@code course} and nothing
     * else, valid for {@code ttl}.
     *
     * @return the credentials, or empty when the user has no repository for the course
     */
    Mono<GitCredentials> issueCredentials(User owner, CourseName course, Duration ttl);

    /**
     * Deletes the credentials that have expired, where the provider does not end them by itself; {@link
     * GitTokenSweeper} calls it periodically.
     *
     * @return how many were deleted
     */
    default Mono<Long> deleteExpiredTokens() {
        return Mono.just(0L);
    }
}
