package io.progy.orchestrator.auth;

import io.progy.format.Sha256;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * API tokens: opaque {@code progy_} + 32 random bytes, stored as sha256 only, scoped, expiring, revocable.
 * Issued by signing in ({@link TokenKind#LOGIN}) or created by their owner ({@link TokenKind#API}).
 */
@Service
public class TokenService {

    static final String TOKEN_PREFIX = "progy_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenRepository tokens;
    private final AuthProperties properties;
    private final Clock clock;

    TokenService(TokenRepository tokens, AuthProperties properties, Clock clock) {
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    /** A token for a person who just signed in, valid for the login lifetime (90 days by default). */
    public Mono<IssuedToken> issueLogin(long userId, String name, List<String> scopes) {
        return issue(userId, TokenKind.LOGIN, name, scopes, properties.loginTokenTtl());
    }

    /**
     * A token the caller creates for themselves ({@code progy token create}): never more scopes than the
     * caller's own token, never longer than the maximum lifetime, and only with a token from signing in.
     *
     * @param expiresInDays null for the default: 30 days for a publish-only token, else 90
     */
    public Mono<IssuedToken> create(Caller caller, String name, List<String> scopes, Integer expiresInDays) {
        caller.requireSignIn();
        if (scopes.isEmpty()) {
            throw ApiException.invalidRequest("scopes", "name at least one of " + String.join(", ", Caller.ALL_SCOPES));
        }
        scopes.forEach(caller::require);
        Duration lifetime;
        if (expiresInDays == null) {
            lifetime = scopes.equals(List.of(Caller.SCOPE_PUBLISH))
                    ? properties.publishTokenTtl()
                    : properties.apiTokenTtl();
        } else {
            long maxDays = properties.maxTokenTtl().toDays();
            if (expiresInDays < 1 || expiresInDays > maxDays) {
                throw ApiException.invalidRequest("expires_in_days", "must be between 1 and " + maxDays);
            }
            lifetime = Duration.ofDays(expiresInDays);
        }
        return issue(caller.userId(), TokenKind.API, name, scopes, lifetime);
    }

    /** The caller's live tokens, newest first. */
    public Mono<List<TokenInfo>> list(Caller caller) {
        caller.require(Caller.SCOPE_READ);
        return tokens.listActive(caller.userId(), clock.instant()).collectList();
    }

    /** Revokes one of the caller's tokens by its public id; NOT_FOUND when the caller has no such live token. */
    public Mono<Void> revoke(Caller caller, String publicId) {
        caller.requireSignIn();
        return tokens.revoke(caller.userId(), publicId)
                .flatMap(count -> count == 0
                        ? Mono.error(ApiException.notFound("you have no live token " + publicId))
                        : Mono.empty());
    }

    /** Revokes the token the caller authenticated with ({@code progy logout}). */
    public Mono<Void> revokeCurrent(Caller caller) {
        return tokens.revoke(caller.tokenId()).then();
    }

    private Mono<IssuedToken> issue(long userId, TokenKind kind, String name, List<String> scopes, Duration lifetime) {
        if (lifetime.compareTo(properties.maxTokenTtl()) > 0) {
            throw new ApiException(ProblemCode.INVALID_REQUEST, "a token may live at most " + properties.maxTokenTtl());
        }
        List<String> canonical = Caller.canonical(scopes);
        String token = newSecret(TOKEN_PREFIX);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        String label = name == null || name.isBlank() ? null : name.trim();
        String publicId = "tok_" + HexFormat.of().formatHex(randomBytes(9));
        return tokens.insert(userId, publicId, label, sha256(token), canonical, kind, now, expiresAt)
                .map(id -> new IssuedToken(
                        token,
                        publicId,
                        canonical,
                        io.progy.orchestrator.config.Sql.timestamp(expiresAt).toInstant()));
    }

    /** {@code prefix} + base64url of 32 random bytes. */
    public static String newSecret(String prefix) {
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Lower-case hex sha256 of the UTF-8 text: how every secret is stored. */
    public static String sha256(String text) {
        return Sha256.hex(Sha256.newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
