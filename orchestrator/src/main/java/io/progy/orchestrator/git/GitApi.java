package io.progy.orchestrator.git;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
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
     * @param target {@code github}: the caller's portfolio in their own GitHub account instead of their repository on
     *     this server's git provider; optional
     * @param isPublic with {@code target: github}, create the portfolio public (it is private otherwise)
     */
    record EnsureRepoRequest(
            @NotBlank(message = "is required") String course,

            @Pattern(
                    regexp = GitHubLogins.LOGIN_REGEX,
                    message = "is not a GitHub login (letters, digits and single hyphens, at most 39)")
            String githubLogin,

            @Pattern(regexp = TARGET_GITHUB, message = "must be github, or absent for this server's git provider")
            String target,

            @JsonProperty("public") Boolean isPublic) {

        boolean portfolio() {
            return TARGET_GITHUB.equals(target);
        }
    }

    static final String TARGET_GITHUB = "github";

    /**
     * @param gitUser with {@code target: github}, the user name to push with ({@code x-access-token}); else absent
     * @param gitToken with {@code target: github}, the caller's GitHub token to push with; else absent
     * @param isPrivate with {@code target: github}, whether GitHub keeps the repository private; else absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EnsureRepoResponse(
            String course,
            String repoName,
            String repoUrl,
            boolean created,
            @JsonProperty("private") Boolean isPrivate,
            String gitUser,
            String gitToken) {

        EnsureRepoResponse(String course, String repoName, String repoUrl, boolean created) {
            this(course, repoName, repoUrl, created, null, null, null);
        }

        @Override
        public String toString() {
            return "EnsureRepoResponse[" + course + ", " + repoUrl + ", created=" + created + "]";
        }
    }

    record CredentialsResponse(String gitUser, String gitToken, String repoUrl, Instant expiresAt) {}
}
