package io.progy.orchestrator.auth;

import io.progy.orchestrator.config.Sql;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for the {@code api_tokens} table. Tokens are looked up by the sha256 of their text. */
@Repository
class TokenRepository {

    /** A live token joined with its owner. */
    record ActiveToken(
            long tokenId,
            long userId,
            String username,
            Set<String> scopes,
            TokenKind kind,
            Instant expiresAt,
            Instant lastUsedAt) {}

    private static final String INFO_COLUMNS =
            "id, public_id, name, scopes, kind, created_at, expires_at, last_used_at";

    private final DatabaseClient db;

    TokenRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Long> insert(
            long userId,
            String publicId,
            String name,
            String tokenHash,
            List<String> scopes,
            TokenKind kind,
            Instant createdAt,
            Instant expiresAt) {
        var spec = db.sql("INSERT INTO api_tokens"
                        + " (user_id, public_id, name, token_hash, scopes, kind, created_at, expires_at)"
                        + " VALUES (:user, :public, :name, :hash, :scopes, :kind, :created, :expires)")
                .bind("user", userId)
                .bind("public", publicId)
                .bind("hash", tokenHash)
                .bind("scopes", String.join(" ", scopes))
                .bind("kind", kind.column())
                .bind("created", Sql.timestamp(createdAt))
                .bind("expires", Sql.timestamp(expiresAt));
        return Sql.bind(spec, "name", name, String.class)
                .filter(s -> s.returnGeneratedValues("id"))
                .map(row -> Sql.longValue(row, "id"))
                .one();
    }

    /** The token with this hash if it is neither revoked nor expired. */
    Mono<ActiveToken> findActive(String tokenHash, Instant now) {
        return db.sql("SELECT t.id, t.user_id, u.username, t.scopes, t.kind, t.expires_at, t.last_used_at"
                        + " FROM api_tokens t JOIN users u ON u.id = t.user_id"
                        + " WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND t.expires_at > :now")
                .bind("hash", tokenHash)
                .bind("now", Sql.timestamp(now))
                .map(row -> new ActiveToken(
                        Sql.longValue(row, "id"),
                        Sql.longValue(row, "user_id"),
                        row.get("username", String.class),
                        Caller.fromColumn(row.get("scopes", String.class)),
                        TokenKind.fromColumn(row.get("kind", String.class)),
                        Sql.instant(row, "expires_at"),
                        Sql.instant(row, "last_used_at")))
                .one();
    }

    /** The user's tokens that are neither revoked nor expired, newest first. */
    Flux<TokenInfo> listActive(long userId, Instant now) {
        return db.sql("SELECT " + INFO_COLUMNS + " FROM api_tokens"
                        + " WHERE user_id = :user AND revoked_at IS NULL AND expires_at > :now"
                        + " ORDER BY created_at DESC, id DESC")
                .bind("user", userId)
                .bind("now", Sql.timestamp(now))
                .map(TokenRepository::info)
                .all();
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

    /** Revokes one of the user's tokens by its public id; 0 when the user has no such live token. */
    Mono<Long> revoke(long userId, String publicId) {
        return db.sql("UPDATE api_tokens SET revoked_at = :now"
                        + " WHERE user_id = :user AND public_id = :public AND revoked_at IS NULL")
                .bind("now", Sql.now())
                .bind("user", userId)
                .bind("public", publicId)
                .fetch()
                .rowsUpdated();
    }

    private static TokenInfo info(Readable row) {
        return new TokenInfo(
                Sql.longValue(row, "id"),
                row.get("public_id", String.class),
                row.get("name", String.class),
                Caller.canonical(Caller.fromColumn(row.get("scopes", String.class))),
                TokenKind.fromColumn(row.get("kind", String.class)),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "expires_at"),
                Sql.instant(row, "last_used_at"));
    }
}
