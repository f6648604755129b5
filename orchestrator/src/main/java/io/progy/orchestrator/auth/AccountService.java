package io.progy.orchestrator.auth;

import io.progy.format.Sha256;
import io.progy.orchestrator.config.Sql;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Accounts and API tokens: sign-up, password-for-token exchange, bearer-token authentication and
 * revocation. Password hashing is slow on purpose and runs on {@code boundedElastic}.
 */
@Service
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    /** Same rules as a course scope, because a user owns the scope named after them. */
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,37}[a-z0-9])?");

    /** Names a person may not take: the sample-course owner, and words that would read as the service. */
    static final Set<String> RESERVED_USERNAMES = Set.of(
            "progy",
            "admin",
            "administrator",
            "api",
            "root",
            "system",
            "registry",
            "www",
            "support",
            "help",
            "security",
            "git",
            "login",
            "logout",
            "signup",
            "auth",
            "user",
            "users",
            "settings",
            "about",
            "null",
            "undefined",
            "anonymous",
            "staff",
            "official",
            "static",
            "assets",
            "device",
            "docs");

    static final List<String> DEFAULT_SCOPES =
            List.of(Caller.SCOPE_READ, Caller.SCOPE_PUBLISH, Caller.SCOPE_PROGRESS, Caller.SCOPE_GIT);
    static final Duration TOKEN_LIFETIME = Duration.ofDays(90);
    static final String TOKEN_PREFIX = "progy_";
    /** A password hash no password matches: marks accounts nobody can log in to. */
    private static final String NO_LOGIN = "!no-login";
    /** Touch last_used_at at most this often per token, so authentication is not a write per request. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final UserRepository users;
    private final TokenRepository tokens;
    private final PasswordEncoder passwordEncoder = new BCryptPasswordEncoder(10);
    private final String dummyHash = passwordEncoder.encode("a password that nobody has");
    private final SecureRandom random = new SecureRandom();
    /** Tokens whose last_used_at is being written right now. */
    private final ConcurrentMap<Long, Boolean> touching = new ConcurrentHashMap<>();

    AccountService(UserRepository users, TokenRepository tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    /** Creates an account. Hashes the password on {@code boundedElastic}. */
    public Mono<User> signup(String username, String email, String password) {
        String name = username.trim();
        usernameProblem(name).ifPresent(problem -> {
            throw ApiException.invalidRequest("username", problem);
        });
        if (RESERVED_USERNAMES.contains(name)) {
            throw new ApiException(ProblemCode.USERNAME_TAKEN, "username '" + name + "' is reserved");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw ApiException.invalidRequest("password", "must be at most 72 bytes");
        }
        String normalizedEmail = email.trim().toLowerCase(Locale.ROOT);
        return Mono.fromCallable(() -> passwordEncoder.encode(password))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(hash -> users.insert(name, normalizedEmail, hash))
                .onErrorMap(
                        Sql::isConstraintViolation,
                        e -> new ApiException(ProblemCode.USERNAME_TAKEN, "username or email is already registered"));
    }

    /** Exchanges a username and password for a new token with every scope. */
    public Mono<IssuedToken> issueToken(String username, String password, String tokenName) {
        return users.findByUsername(username.trim())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .publishOn(Schedulers.boundedElastic())
                .map(user -> {
                    // Hash a dummy for unknown users too, so response time does not reveal which names exist.
                    boolean loginable =
                            user.isPresent() && !user.get().passwordHash().equals(NO_LOGIN);
                    boolean matches = passwordEncoder.matches(
                            password, loginable ? user.get().passwordHash() : dummyHash);
                    if (!loginable || !matches) {
                        throw ApiException.unauthorized("invalid username or password");
                    }
                    return user.get();
                })
                .flatMap(user -> {
                    String token = newTokenText();
                    Instant expiresAt = Instant.now().plus(TOKEN_LIFETIME);
                    String name = tokenName == null || tokenName.isBlank() ? null : tokenName.trim();
                    String publicId = newPublicId();
                    return tokens.insert(user.id(), publicId, name, sha256(token), DEFAULT_SCOPES, expiresAt)
                            .map(id -> new IssuedToken(
                                    token,
                                    publicId,
                                    DEFAULT_SCOPES,
                                    Sql.timestamp(expiresAt).toInstant()));
                });
    }

    /**
     * Resolves an {@code Authorization} header value to its caller.
     *
     * @return the caller, or an {@link ApiException} UNAUTHORIZED error
     */
    public Mono<Caller> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return Mono.error(ApiException.unauthorized("authentication required: send Authorization: Bearer <token>"));
        }
        String header = authorizationHeader.trim();
        if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Mono.error(ApiException.unauthorized("Authorization must be 'Bearer <token>'"));
        }
        String token = header.substring(7).trim();
        if (!token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
            return Mono.error(ApiException.unauthorized("invalid or expired token"));
        }
        Instant now = Instant.now();
        return tokens.findActive(sha256(token), now)
                .switchIfEmpty(Mono.error(() -> ApiException.unauthorized("invalid or expired token")))
                .map(found -> {
                    recordUse(found, now);
                    return new Caller(found.userId(), found.username(), found.tokenId(), found.scopes());
                });
    }

    /**
     * Updates the token's last_used_at when it is older than {@link #TOUCH_INTERVAL}, in the background: the
     * request does not wait for it, and a failure is only logged. At most one such write per token is in
     * flight, so a burst of requests with one token cannot take every pooled connection for the same update.
     */
    private void recordUse(TokenRepository.ActiveToken found, Instant now) {
        if (found.lastUsedAt() != null && !found.lastUsedAt().isBefore(now.minus(TOUCH_INTERVAL))) {
            return;
        }
        if (touching.putIfAbsent(found.tokenId(), Boolean.TRUE) != null) {
            return;
        }
        tokens.touch(found.tokenId(), now)
                .doFinally(signal -> touching.remove(found.tokenId()))
                .subscribe(
                        null, e -> log.warn("could not record the use of token {}: {}", found.tokenId(), e.toString()));
    }

    /** Revokes the token the caller authenticated with. */
    public Mono<Void> revoke(Caller caller) {
        return tokens.revoke(caller.tokenId()).then();
    }

    public Mono<User> user(long id) {
        return users.findById(id).switchIfEmpty(Mono.error(() -> ApiException.unauthorized("unknown user")));
    }

    /**
     * The reserved account that owns a reserved scope (e.g. {@code progy} for the sample courses),
     * created on first use with a password hash nothing matches.
     */
    public Mono<User> systemUser(String username) {
        return users.findByUsername(username)
                .switchIfEmpty(Mono.defer(() -> users.insert(username, username + "@localhost.invalid", NO_LOGIN))
                        .onErrorResume(Sql::isConstraintViolation, e -> users.findByUsername(username)));
    }

    /** A caller acting as {@code user} with the given scopes, for work the server does itself. */
    public static Caller systemCaller(User user, String... scopes) {
        return new Caller(user.id(), user.username(), 0, Set.of(scopes));
    }

    static Optional<String> usernameProblem(String username) {
        if (username.isEmpty() || username.length() > 39) {
            return Optional.of("must be 1 to 39 characters");
        }
        if (!USERNAME.matcher(username).matches()) {
            return Optional.of(
                    "may contain only lower-case letters, digits and '-', and may not start or end with '-'");
        }
        return Optional.empty();
    }

    private String newTokenText() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String newPublicId() {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        return "tok_" + HexFormat.of().formatHex(bytes);
    }

    static String sha256(String text) {
        return Sha256.hex(Sha256.newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
