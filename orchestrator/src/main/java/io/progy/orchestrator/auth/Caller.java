package io.progy.orchestrator.auth;

import io.progy.orchestrator.error.ApiException;
import java.util.Set;

/**
 * The authenticated caller of a request, resolved from its bearer token. Declare a {@code Caller}
 * parameter on a handler method to require authentication.
 *
 * @param userId the user's id
 * @param username the user's name, which is also the course scope the user owns
 * @param tokenId the token the request was made with
 * @param scopes what the token may do
 */
public record Caller(long userId, String username, long tokenId, Set<String> scopes) {

    public static final String SCOPE_READ = "read";
    public static final String SCOPE_PUBLISH = "publish";
    public static final String SCOPE_PROGRESS = "progress";
    public static final String SCOPE_GIT = "git";

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    /** @throws ApiException FORBIDDEN when the token lacks {@code scope} */
    public Caller require(String scope) {
        if (!scopes.contains(scope)) {
            throw ApiException.forbidden("this token lacks the '" + scope + "' scope");
        }
        return this;
    }
}
