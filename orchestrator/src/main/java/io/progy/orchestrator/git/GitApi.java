package io.progy.orchestrator.git;

import jakarta.validation.constraints.NotBlank;
import java.time.Instant;

/** Request and response bodies of {@code /v1/git/*} (JSON is snake_case). */
final class GitApi {

    private GitApi() {}

    /** @param course {@code @scope/slug} */
    record CourseRequest(@NotBlank(message = "is required") String course) {}

    record EnsureRepoResponse(String course, String repoName, String repoUrl, boolean created) {}

    record CredentialsResponse(String gitUser, String gitToken, String repoUrl, Instant expiresAt) {}
}
