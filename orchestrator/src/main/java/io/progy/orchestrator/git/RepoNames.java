package io.progy.orchestrator.git;

import io.progy.format.CourseName;
import io.progy.format.Sha256;
import io.progy.orchestrator.git.GitRepository.RepoRow;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;

/** How a student's repository for a course is named, on every provider. */
public final class RepoNames {

    /** The longest name the builtin host (and {@code git_repos.repo_name}) accepts. */
    public static final int MAX_LENGTH = 120;

    private static final int HASH_LENGTH = 8;

    private RepoNames() {}

    /** {@code <prefix>progy-<scope>-<slug>}, shortened with a hash of the course name when over {@code maxLength}. */
    public static String repoName(String prefix, CourseName course, int maxLength) {
        return fit(prefix + "progy-" + course.scope() + "-" + course.slug(), course, maxLength);
    }

    /**
     * The name used when {@link #repoName} is already taken by another of the owner's courses, which happens when
     * '-' falls differently between scope and slug ({@code @a-b/c} and {@code @a/b-c}).
     */
    public static String disambiguatedRepoName(String prefix, CourseName course, int maxLength) {
        String full = prefix + "progy-" + course.scope() + "-" + course.slug();
        int keep = Math.min(full.length(), maxLength - HASH_LENGTH - 1);
        return full.substring(0, keep) + "-" + hash(course);
    }

    /**
     * Records the user's repository for the course under its name, or under the disambiguated name when the plain
     * one is taken by another course of the same owner.
     */
    public static Mono<RepoRow> findOrInsert(
            GitRepository repos, long userId, CourseName course, String provider, String owner, int maxLength) {
        return findOrInsert(repos, userId, course, provider, owner, "", maxLength);
    }

    /** As {@link #findOrInsert(GitRepository, long, CourseName, String, String, int)}, names starting with a prefix. */
    public static Mono<RepoRow> findOrInsert(
            GitRepository repos,
            long userId,
            CourseName course,
            String provider,
            String owner,
            String prefix,
            int maxLength) {
        return repos.findOrInsert(userId, course, provider, owner, repoName(prefix, course, maxLength))
                .switchIfEmpty(Mono.defer(() -> repos.findOrInsert(
                        userId, course, provider, owner, disambiguatedRepoName(prefix, course, maxLength))));
    }

    private static String fit(String name, CourseName course, int maxLength) {
        if (name.length() <= maxLength) {
            return name;
        }
        return name.substring(0, maxLength - HASH_LENGTH - 1) + "-" + hash(course);
    }

    private static String hash(CourseName course) {
        byte[] digest = Sha256.newDigest().digest(course.toString().getBytes(StandardCharsets.UTF_8));
        return Sha256.hex(digest).substring(0, HASH_LENGTH);
    }
}
