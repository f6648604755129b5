package io.progy.orchestrator.auth;

import io.progy.orchestrator.config.Sql;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    /** A password hash no password matches: marks accounts nobody can log in to. */
    private static final String NO_LOGIN = "!no-login";
    /** Touch last_used_at at most this often per token, so authentication is not a write per request. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    /** The shortest password accepted (the longest is bcrypt's 72 bytes). */
    public static final int MIN_PASSWORD_LENGTH = 10;

    private final UserRepository users;
    private final TokenRepository tokens;
    private final TokenService tokenService;
    private final Clock clock;
    private final PasswordEncoder passwordEncoder = new BCryptPasswordEncoder(10);
    private final String dummyHash = passwordEncoder.encode("a password that nobody has");
    /** Tokens whose last_used_at is being written right now. */
    private final ConcurrentMap<Long, Boolean> touching = new ConcurrentHashMap<>();

    AccountService(UserRepository users, TokenRepository tokens, TokenService tokenService, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.tokenService = tokenService;
        this.clock = clock;
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
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw ApiException.invalidRequest("password", "must be at least " + MIN_PASSWORD_LENGTH + " characters");
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

    /** Exchanges a username and password for a new sign-in token with every scope. */
    public Mono<IssuedToken> issueToken(String username, String password, String tokenName) {
        return checkPassword(username, password)
                .flatMap(user -> tokenService.issueLogin(user.id(), tokenName, Caller.ALL_SCOPES));
    }

    /**
     * The user with this name and password, or UNAUTHORIZED "invalid username or password". An unknown name
     * costs the same bcrypt comparison as a wrong password, so neither the answer nor its timing tells them
     * apart. Hashes on {@code boundedElastic}.
     */
    public Mono<User> checkPassword(String username, String password) {
        return users.findByUsername(username.trim())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .publishOn(Schedulers.boundedElastic())
                .map(user -> {
                    boolean loginable =
                            user.isPresent() && !user.get().passwordHash().equals(NO_LOGIN);
                    boolean matches = passwordEncoder.matches(
                            password, loginable ? user.get().passwordHash() : dummyHash);
                    if (!loginable || !matches) {
                        throw ApiException.unauthorized("invalid username or password");
                    }
                    return user.get();
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
        if (!token.startsWith(TokenService.TOKEN_PREFIX) || token.length() > 200) {
            return Mono.error(ApiException.unauthorized("invalid or expired token"));
        }
        Instant now = clock.instant();
        return tokens.findActive(TokenService.sha256(token), now)
                .switchIfEmpty(Mono.error(() -> ApiException.unauthorized("invalid or expired token")))
                .map(found -> {
                    recordUse(found, now);
                    return new Caller(
                            found.userId(),
                            found.username(),
                            found.tokenId(),
                            found.scopes(),
                            found.kind() == TokenKind.LOGIN);
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

    /**
     * Creates an account for a person who signs in with another provider (GitHub), so it has no password:
     * the preferred name when it is free and allowed, else that name with {@code -2}, {@code -3}, ... .
     */
    public Mono<User> createWithoutPassword(String preferredUsername, String email) {
        String base = preferredUsername.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        base = base.replaceAll("^-+|-+$", "").replaceAll("-{2,}", "-");
        if (base.isEmpty() || RESERVED_USERNAMES.contains(base)) {
            base = "user-" + (base.isEmpty() ? "new" : base);
        }
        if (base.length() > 34) {
            base = base.substring(0, 34).replaceAll("-+$", "");
        }
        String stem = base;
        String normalizedEmail = email.trim().toLowerCase(Locale.ROOT);
        return reactor.core.publisher.Flux.range(1, 20)
                .map(n -> n == 1 ? stem : stem + "-" + n)
                .concatMap(name -> users.insert(name, normalizedEmail, NO_LOGIN)
                        .map(Optional::of)
                        .onErrorResume(Sql::isConstraintViolation, e -> Mono.just(Optional.empty())))
                .filter(Optional::isPresent)
                .next()
                .map(Optional::get)
                .switchIfEmpty(Mono.error(
                        () -> new ApiException(ProblemCode.USERNAME_TAKEN, "no free username near '" + stem + "'")));
    }

    /** The account registered with this email address (compared in lower case). */
    public Mono<User> findByEmail(String email) {
        return users.findByEmail(email.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether the account can sign in with a password (accounts made by GitHub sign-in cannot). */
    public static boolean hasPassword(User user) {
        return !NO_LOGIN.equals(user.passwordHash());
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
        return new Caller(user.id(), user.username(), 0, Set.of(scopes), false);
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
}
