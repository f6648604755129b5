package io.progy.orchestrator.auth.github;

import io.progy.orchestrator.config.Sql;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** SQL for {@code github_identities} and {@code oauth_pending}. */
@Repository
class GitHubRepository {

    record Identity(long userId, long githubId, String githubLogin, String accessTokenEnc, String tokenScopes) {}

    /** A row of {@code oauth_pending}: an authorization in flight, or a link waiting for confirmation. */
    record Pending(
            long id,
            String kind,
            String codeVerifier,
            String nextPath,
            Long linkUserId,
            Long githubId,
            String githubLogin,
            String accessTokenEnc,
            String tokenScopes,
            Instant expiresAt) {}

    private final DatabaseClient db;

    GitHubRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Identity> findByGithubId(long githubId) {
        return db.sql("SELECT user_id, github_id, github_login, access_token_enc, token_scopes"
                        + " FROM github_identities WHERE github_id = :id")
                .bind("id", githubId)
                .map(GitHubRepository::identity)
                .one();
    }

    Mono<Identity> findByUserId(long userId) {
        return db.sql("SELECT user_id, github_id, github_login, access_token_enc, token_scopes"
                        + " FROM github_identities WHERE user_id = :id")
                .bind("id", userId)
                .map(GitHubRepository::identity)
                .one();
    }

    Mono<Void> insertIdentity(Identity identity, Instant now) {
        var spec = db.sql("INSERT INTO github_identities (user_id, github_id, github_login, access_token_enc,"
                        + " token_scopes, created_at, updated_at)"
                        + " VALUES (:user, :github, :login, :token, :scopes, :now, :now)")
                .bind("user", identity.userId())
                .bind("github", identity.githubId())
                .bind("login", identity.githubLogin())
                .bind("now", Sql.timestamp(now));
        spec = Sql.bind(spec, "token", identity.accessTokenEnc(), String.class);
        return Sql.bind(spec, "scopes", identity.tokenScopes(), String.class).then();
    }

    Mono<Void> updateToken(long githubId, String login, String accessTokenEnc, String scopes, Instant now) {
        var spec = db.sql("UPDATE github_identities SET github_login = :login, access_token_enc = :token,"
                        + " token_scopes = :scopes, updated_at = :now WHERE github_id = :github")
                .bind("login", login)
                .bind("github", githubId)
                .bind("now", Sql.timestamp(now));
        spec = Sql.bind(spec, "token", accessTokenEnc, String.class);
        return Sql.bind(spec, "scopes", scopes, String.class).then();
    }

    Mono<Void> insertAuthorize(String keyHash, String codeVerifier, String nextPath, Instant now, Instant expiresAt) {
        return db.sql("INSERT INTO oauth_pending (key_hash, kind, code_verifier, next_path, created_at, expires_at)"
                        + " VALUES (:key, 'authorize', :verifier, :next, :now, :expires)")
                .bind("key", keyHash)
                .bind("verifier", codeVerifier)
                .bind("next", nextPath)
                .bind("now", Sql.timestamp(now))
                .bind("expires", Sql.timestamp(expiresAt))
                .then();
    }

    Mono<Void> insertLink(
            String keyHash, long userId, Identity identity, String nextPath, Instant now, Instant expiresAt) {
        var spec = db.sql("INSERT INTO oauth_pending (key_hash, kind, next_path, link_user_id, github_id, github_login,"
                        + " access_token_enc, token_scopes, created_at, expires_at)"
                        + " VALUES (:key, 'link', :next, :user, :github, :login, :token, :scopes, :now, :expires)")
                .bind("key", keyHash)
                .bind("next", nextPath)
                .bind("user", userId)
                .bind("github", identity.githubId())
                .bind("login", identity.githubLogin())
                .bind("now", Sql.timestamp(now))
                .bind("expires", Sql.timestamp(expiresAt));
        spec = Sql.bind(spec, "token", identity.accessTokenEnc(), String.class);
        return Sql.bind(spec, "scopes", identity.tokenScopes(), String.class).then();
    }

    Mono<Pending> findPending(String keyHash, String kind) {
        return db.sql("SELECT id, kind, code_verifier, next_path, link_user_id, github_id, github_login,"
                        + " access_token_enc, token_scopes, expires_at FROM oauth_pending"
                        + " WHERE key_hash = :key AND kind = :kind")
                .bind("key", keyHash)
                .bind("kind", kind)
                .map(GitHubRepository::pending)
                .one();
    }

    /** Deletes a pending row; true for exactly one caller, so a state or link is used once. */
    Mono<Boolean> deletePending(long id) {
        return db.sql("DELETE FROM oauth_pending WHERE id = :id")
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .map(count -> count == 1);
    }

    Mono<Long> deleteExpiredPending(Instant cutoff) {
        return db.sql("DELETE FROM oauth_pending WHERE expires_at < :cutoff")
                .bind("cutoff", Sql.timestamp(cutoff))
                .fetch()
                .rowsUpdated();
    }

    private static Identity identity(Readable row) {
        return new Identity(
                Sql.longValue(row, "user_id"),
                Sql.longValue(row, "github_id"),
                row.get("github_login", String.class),
                row.get("access_token_enc", String.class),
                row.get("token_scopes", String.class));
    }

    private static Pending pending(Readable row) {
        Number user = row.get("link_user_id", Number.class);
        Number github = row.get("github_id", Number.class);
        return new Pending(
                Sql.longValue(row, "id"),
                row.get("kind", String.class),
                row.get("code_verifier", String.class),
                row.get("next_path", String.class),
                user == null ? null : user.longValue(),
                github == null ? null : github.longValue(),
                row.get("github_login", String.class),
                row.get("access_token_enc", String.class),
                row.get("token_scopes", String.class),
                Sql.instant(row, "expires_at"));
    }
}
