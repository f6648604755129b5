package io.progy.orchestrator.auth;

import io.progy.orchestrator.config.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Browser sessions: a random cookie value, stored as sha256 only, expiring after {@code progy.auth.session-ttl},
 * revoked on sign-out.
 */
@Service
public class WebSessionService {

    /** A new session: the cookie value (shown to the browser only) and when it ends. */
    public record NewSession(String cookieValue, Duration maxAge) {}

    private final DatabaseClient db;
    private final AccountService accounts;
    private final AuthProperties properties;
    private final Clock clock;

    WebSessionService(DatabaseClient db, AccountService accounts, AuthProperties properties, Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    public Mono<NewSession> create(long userId) {
        String value = TokenService.newSecret("ps_");
        Instant now = clock.instant();
        return db.sql("INSERT INTO web_sessions (session_hash, user_id, created_at, expires_at)"
                        + " VALUES (:hash, :user, :created, :expires)")
                .bind("hash", TokenService.sha256(value))
                .bind("user", userId)
                .bind("created", Sql.timestamp(now))
                .bind("expires", Sql.timestamp(now.plus(properties.sessionTtl())))
                .then()
                .thenReturn(new NewSession(value, properties.sessionTtl()));
    }

    /** The signed-in user of a live session; empty for no, an unknown, an expired or a revoked session. */
    public Mono<User> user(String cookieValue) {
        if (cookieValue == null || !cookieValue.startsWith("ps_") || cookieValue.length() > 100) {
            return Mono.empty();
        }
        return db.sql("SELECT user_id FROM web_sessions"
                        + " WHERE session_hash = :hash AND revoked_at IS NULL AND expires_at > :now")
                .bind("hash", TokenService.sha256(cookieValue))
                .bind("now", Sql.timestamp(clock.instant()))
                .map(row -> Sql.longValue(row, "user_id"))
                .one()
                .flatMap(accounts::user);
    }

    public Mono<Void> revoke(String cookieValue) {
        if (cookieValue == null) {
            return Mono.empty();
        }
        return db.sql("UPDATE web_sessions SET revoked_at = :now WHERE session_hash = :hash AND revoked_at IS NULL")
                .bind("now", Sql.timestamp(clock.instant()))
                .bind("hash", TokenService.sha256(cookieValue))
                .then();
    }

    /** Deletes sessions that ended more than a day ago. */
    public Mono<Long> sweep() {
        return db.sql("DELETE FROM web_sessions WHERE expires_at < :cutoff")
                .bind("cutoff", Sql.timestamp(clock.instant().minus(Duration.ofDays(1))))
                .fetch()
                .rowsUpdated();
    }
}
