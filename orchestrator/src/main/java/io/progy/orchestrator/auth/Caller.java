package io.progy.orchestrator.auth;

import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.ProblemCode;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The authenticated caller of a request, resolved from its bearer token. Declare a {@code Caller}
 * parameter on a handler method to require authentication.
 *
 * @param userId the user's id
 * @param username the user's name, which is also the course scope the user owns
 * @param tokenId the token the request was made with
 * @param scopes what the token may do
 * @param signIn whether the token came from signing in (password or device flow), which may manage tokens,
 *     rather than from {@code POST /v1/tokens}
 */
public record Caller(long userId, String username, long tokenId, Set<String> scopes, boolean signIn) {

    public static final String SCOPE_READ = "read";
    public static final String SCOPE_PUBLISH = "publish";
    public static final String SCOPE_PROGRESS = "progress";
    public static final String SCOPE_GIT = "git";
    /** Every scope, in the order they are shown. */
    public static final List<String> ALL_SCOPES = List.of(SCOPE_READ, SCOPE_PUBLISH, SCOPE_PROGRESS, SCOPE_GIT);

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public Caller(long userId, String username, long tokenId, Set<String> scopes) {
        this(userId, username, tokenId, scopes, false);
    }

    /** @throws ApiException INSUFFICIENT_SCOPE (403) when the token lacks {@code scope} */
    public Caller require(String scope) {
        if (!scopes.contains(scope)) {
            throw new ApiException(
                    ProblemCode.INSUFFICIENT_SCOPE,
                    "this token lacks the '" + scope + "' scope; create one that has it (progy token create --scope "
                            + scope + ")");
        }
        return this;
    }

    /** @throws ApiException INSUFFICIENT_SCOPE (403) unless the token came from signing in */
    public Caller requireSignIn() {
        if (!signIn) {
            throw new ApiException(
                    ProblemCode.INSUFFICIENT_SCOPE,
                    "only a token from signing in (progy login) can manage tokens; this one was created with"
                            + " POST /v1/tokens");
        }
        return this;
    }

    /**
     * Parses a space-separated scope list (OAuth style) in the canonical order, without duplicates.
     *
     * @throws IllegalArgumentException naming the first unknown scope
     */
    public static List<String> parseScopes(String text) {
        var requested = new LinkedHashSet<String>();
        for (String scope : text.trim().split("[\\s,]+")) {
            if (scope.isEmpty()) {
                continue;
            }
            if (!ALL_SCOPES.contains(scope)) {
                throw new IllegalArgumentException(
                        "unknown scope '" + scope + "': use " + String.join(", ", ALL_SCOPES));
            }
            requested.add(scope);
        }
        return canonical(requested);
    }

    /** The scopes in {@link #ALL_SCOPES} order. */
    public static List<String> canonical(Iterable<String> scopes) {
        var set = new LinkedHashSet<String>();
        scopes.forEach(set::add);
        return ALL_SCOPES.stream().filter(set::contains).toList();
    }

    static Set<String> fromColumn(String column) {
        return new LinkedHashSet<>(Arrays.asList(column.split(" ")));
    }
}
