package io.progy.orchestrator.git;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/** Request and response bodies of {@code /v1/git/*} (JSON is snake_case). */
final class GitApi {

    private GitApi() {}

    /** @param course {@code @scope/slug} */
    record CourseRequest(@NotBlank(message = "is required") String course) {}

    /**
     * @param course {@code @scope/slug}
     * @param githubLogin the caller's GitHub login, linked to their account unless one is linked already (the
     *     {@code github} provider adds it as a collaborator); optional
     */
    record EnsureRepoRequest(
            @NotBlank(message = "is required") String course,

            @Pattern(
                    regexp = GitHubLogins.LOGIN_REGEX,
                    message = "is not a GitHub login (letters, digits and single hyphens, at most 39)")
            String githubLogin) {}

    record EnsureRepoResponse(String course, String repoName, String repoUrl, boolean created) {}

    record CredentialsResponse(String gitUser, String gitToken, String repoUrl, Instant expiresAt) {}
}
