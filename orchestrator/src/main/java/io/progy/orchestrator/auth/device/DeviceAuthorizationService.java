package io.progy.orchestrator.auth.device;

import io.progy.orchestrator.auth.AuthProperties;
import io.progy.orchestrator.auth.Caller;
import io.progy.orchestrator.auth.IssuedToken;
import io.progy.orchestrator.auth.TokenService;
import io.progy.orchestrator.auth.device.DeviceCodeRepository.DeviceCode;
import io.progy.orchestrator.auth.device.DeviceCodeRepository.Status;
import io.progy.orchestrator.config.Sql;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The device authorization grant (RFC 8628): a client asks for a code pair, the person approves the short
 * user code on the {@code /device} page, and the client, polling with the device code, receives a sign-in
 * token with the scopes it asked for.
 */
@Service
public class DeviceAuthorizationService {

    /** Consonants only: no vowels (no words), none of 0/O, 1/I/L-style look-alikes beyond what remains. */
    static final String USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

    static final int USER_CODE_LENGTH = 8;
    /** RFC 8628 section 3.5: each slow_down adds 5 seconds to the interval. */
    static final int SLOW_DOWN_SECONDS = 5;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What {@code POST /v1/auth/device/code} answers (besides the URIs, which depend on the request). */
    public record Started(String deviceCode, String userCode, long expiresIn, int interval) {}

    /** A code waiting on the approval page: who asks, for what. */
    public record Pending(String userCode, String clientName, List<String> scopes, Instant expiresAt) {}

    /** A successful token response (RFC 6749 section 5.1) plus our public token id. */
    public record Granted(IssuedToken token, long expiresIn) {}

    private final DeviceCodeRepository codes;
    private final TokenService tokens;
    private final AuthProperties properties;
    private final Clock clock;
    private final TransactionalOperator transaction;

    DeviceAuthorizationService(
            DeviceCodeRepository codes,
            TokenService tokens,
            AuthProperties properties,
            Clock clock,
            TransactionalOperator transaction) {
        this.codes = codes;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
        this.transaction = transaction;
    }

    /** Starts a device login for a known client; {@code scope} blank means every scope. */
    public Mono<Started> start(String clientId, String scope) {
        if (clientId == null || clientId.isBlank()) {
            return Mono.error(new DeviceGrantException("invalid_request", "client_id is required"));
        }
        if (DeviceClients.name(clientId).isEmpty()) {
            return Mono.error(new DeviceGrantException(
                    "invalid_client", "unknown client_id '" + clientId + "'", HttpStatus.UNAUTHORIZED));
        }
        List<String> scopes;
        try {
            scopes = scope == null || scope.isBlank() ? Caller.ALL_SCOPES : Caller.parseScopes(scope);
        } catch (IllegalArgumentException e) {
            return Mono.error(new DeviceGrantException("invalid_scope", e.getMessage()));
        }
        if (scopes.isEmpty()) {
            return Mono.error(new DeviceGrantException("invalid_scope", "no scope requested"));
        }
        Instant now = clock.instant();
        Duration ttl = properties.device().codeTtl();
        int interval = intervalSeconds();
        String deviceCode = TokenService.newSecret("");
        return Mono.defer(() -> {
                    String userCode = newUserCode();
                    return codes.insert(
                                    TokenService.sha256(deviceCode),
                                    userCode,
                                    clientId,
                                    String.join(" ", scopes),
                                    interval,
                                    now,
                                    now.plus(ttl))
                            .thenReturn(new Started(deviceCode, userCode, ttl.toSeconds(), interval));
                })
                // A user code already in use (one chance in billions per live code): draw another.
                .retryWhen(Retry.max(5).filter(Sql::isConstraintViolation));
    }

    /**
     * One poll of the token endpoint: the token once approved, else the RFC 8628 error that says why not
     * ({@code authorization_pending}, {@code slow_down}, {@code access_denied}, {@code expired_token}).
     */
    public Mono<Granted> poll(String clientId, String deviceCode) {
        if (deviceCode == null || deviceCode.isBlank() || deviceCode.length() > 100) {
            return Mono.error(new DeviceGrantException("invalid_request", "device_code is required"));
        }
        if (clientId == null || clientId.isBlank()) {
            return Mono.error(new DeviceGrantException("invalid_request", "client_id is required"));
        }
        Instant now = clock.instant();
        return codes.findByDeviceCodeHash(TokenService.sha256(deviceCode.trim()))
                .switchIfEmpty(Mono.error(() -> new DeviceGrantException("invalid_grant", "unknown device_code")))
                .flatMap(code -> {
                    if (!code.clientId().equals(clientId)) {
                        return Mono.error(new DeviceGrantException(
                                "invalid_grant", "this device_code was issued to another client"));
                    }
                    if (code.status() == Status.CONSUMED) {
                        return Mono.error(
                                new DeviceGrantException("invalid_grant", "this device_code was already used"));
                    }
                    if (!now.isBefore(code.expiresAt())) {
                        return Mono.error(new DeviceGrantException(
                                "expired_token", "the device_code expired: start the login again"));
                    }
                    if (code.status() == Status.DENIED) {
                        return Mono.error(new DeviceGrantException("access_denied", "the login was denied"));
                    }
                    if (code.status() == Status.APPROVED) {
                        return grant(code);
                    }
                    return pace(code, now);
                });
    }

    /** The pending code with this user code (as typed: any case, with or without the dash). */
    public Mono<Pending> pending(String typedUserCode) {
        Optional<String> userCode = normalizeUserCode(typedUserCode);
        if (userCode.isEmpty()) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        return codes.findByUserCode(userCode.get())
                .filter(code -> code.status() == Status.PENDING && now.isBefore(code.expiresAt()))
                .map(code -> new Pending(
                        formatUserCode(code.userCode()),
                        DeviceClients.name(code.clientId()).orElse(code.clientId()),
                        Caller.parseScopes(code.scopes()),
                        code.expiresAt()));
    }

    /** Approves or denies a pending code for {@code userId}; false when the code is not pending any more. */
    public Mono<Boolean> decide(String typedUserCode, long userId, boolean approve) {
        Optional<String> userCode = normalizeUserCode(typedUserCode);
        if (userCode.isEmpty()) {
            return Mono.just(false);
        }
        return codes.decide(userCode.get(), userId, approve ? Status.APPROVED : Status.DENIED, clock.instant());
    }

    /** Forgets codes that expired more than a day ago. */
    public Mono<Long> sweep() {
        return codes.deleteExpired(clock.instant().minus(Duration.ofDays(1)));
    }

    private Mono<Granted> grant(DeviceCode code) {
        String client = DeviceClients.name(code.clientId()).orElse(code.clientId());
        return codes.consume(code.id())
                .flatMap(consumed -> consumed
                        ? tokens.issueLogin(
                                code.userId(), client + " (device login)", Caller.parseScopes(code.scopes()))
                        : Mono.error(new DeviceGrantException("invalid_grant", "this device_code was already used")))
                .map(token -> new Granted(token, properties.loginTokenTtl().toSeconds()))
                .as(transaction::transactional);
    }

    /** authorization_pending, or slow_down when this poll came sooner than the interval after the last. */
    private Mono<Granted> pace(DeviceCode code, Instant now) {
        boolean tooSoon =
                code.lastPolledAt() != null && now.isBefore(code.lastPolledAt().plusSeconds(code.intervalSeconds()));
        int extra = tooSoon ? SLOW_DOWN_SECONDS : 0;
        return codes.recordPoll(
                        code.id(), code.lastPolledAt(), Sql.timestamp(now).toInstant(), extra)
                .flatMap(recorded -> {
                    if (tooSoon) {
                        return Mono.error(DeviceGrantException.slowDown(code.intervalSeconds() + extra));
                    }
                    // Another poll of the same code got in between: that one counts, this one was too fast.
                    return Mono.error(
                            recorded
                                    ? DeviceGrantException.pending()
                                    : DeviceGrantException.slowDown(code.intervalSeconds()));
                });
    }

    private int intervalSeconds() {
        return (int) Math.max(1, properties.device().interval().toSeconds());
    }

    static String newUserCode() {
        var code = new StringBuilder(USER_CODE_LENGTH);
        for (int i = 0; i < USER_CODE_LENGTH; i++) {
            code.append(USER_CODE_ALPHABET.charAt(RANDOM.nextInt(USER_CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    /** {@code BCDFGHJK} as people read it: {@code BCDF-GHJK}. */
    public static String formatUserCode(String code) {
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    /** The stored form of a typed code (upper case, no dash or spaces), if it can be one. */
    static Optional<String> normalizeUserCode(String typed) {
        if (typed == null || typed.length() > 20) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != USER_CODE_LENGTH) {
            return Optional.empty();
        }
        for (char c : code.toCharArray()) {
            if (USER_CODE_ALPHABET.indexOf(c) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(code);
    }
}
