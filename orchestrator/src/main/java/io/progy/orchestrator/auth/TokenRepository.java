package io.progy.orchestrator.auth;

import io.progy.orchestrator.config.Sql;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** SQL for the {@code api_tokens} table. Tokens are looked up by the sha256 of their text. */
@Repository
class TokenRepository {

    /** A live token joined with its owner. */
    record ActiveToken(
            long tokenId, long userId, String username, Set<String> scopes, Instant expiresAt, Instant lastUsedAt) {}

    private final DatabaseClient db;

    TokenRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Long> insert(
            long userId, String publicId, String name, String tokenHash, List<String> scopes, Instant expiresAt) {
        var spec = db.sql(
                        "INSERT INTO api_tokens (user_id, public_id, name, token_hash, scopes, created_at, expires_at)"
                                + " VALUES (:user, :public, :name, :hash, :scopes, :created, :expires)")
                .bind("user", userId)
                .bind("public", publicId)
                .bind("hash", tokenHash)
                .bind("scopes", String.join(" ", scopes))
                .bind("created", Sql.now())
                .bind("expires", Sql.timestamp(expiresAt));
        return Sql.bind(spec, "name", name, String.class)
                .filter(s -> s.returnGeneratedValues("id"))
                .map(row -> Sql.longValue(row, "id"))
                .one();
    }

    /** The token with this hash if it is neither revoked nor expired. */
    Mono<ActiveToken> findActive(String tokenHash, Instant now) {
        return db.sql("SELECT t.id, t.user_id, u.username, t.scopes, t.expires_at, t.last_used_at"
                        + " FROM api_tokens t JOIN users u ON u.id = t.user_id"
                        + " WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND t.expires_at > :now")
                .bind("hash", tokenHash)
                .bind("now", Sql.timestamp(now))
                .map(row -> new ActiveToken(
                        Sql.longValue(row, "id"),
                        Sql.longValue(row, "user_id"),
                        row.get("username", String.class),
                        new LinkedHashSet<>(
                                Arrays.asList(row.get("scopes", String.class).split(" "))),
                        Sql.instant(row, "expires_at"),
                        Sql.instant(row, "last_used_at")))
                .one();
    }

    Mono<Void> touch(long tokenId, Instant now) {
        return db.sql("UPDATE api_tokens SET last_used_at = :now WHERE id = :id")
                .bind("now", Sql.timestamp(now))
                .bind("id", tokenId)
                .then();
    }

    Mono<Long> revoke(long tokenId) {
        return db.sql("UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", Sql.now())
                .bind("id", tokenId)
                .fetch()
                .rowsUpdated();
    }
}
