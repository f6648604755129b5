package io.progy.orchestrator.git.gitea;

import io.progy.orchestrator.config.Sql;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code gitea_tokens}: the Gitea access tokens issued, with the expiry Gitea itself does not enforce. */
@Repository
@ConditionalOnProperty(prefix = "progy.git", name = "provider", havingValue = "gitea")
class GiteaTokenRepository {

    private final DatabaseClient db;

    GiteaTokenRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(long repoId, String giteaUser, long giteaTokenId, String name, Instant expiresAt) {
        return db.sql("INSERT INTO gitea_tokens (repo_id, gitea_user, gitea_token_id, name, created_at, expires_at)"
                        + " VALUES (:repo, :user, :token, :name, :now, :expires)")
                .bind("repo", repoId)
                .bind("user", giteaUser)
                .bind("token", giteaTokenId)
                .bind("name", name)
                .bind("now", Sql.now())
                .bind("expires", Sql.timestamp(expiresAt))
                .then();
    }

    /** The Gitea users that hold at least one token expired before {@code cutoff}. */
    Flux<String> usersWithTokensExpiredBefore(Instant cutoff) {
        return db.sql("SELECT DISTINCT gitea_user FROM gitea_tokens WHERE expires_at < :cutoff")
                .bind("cutoff", Sql.timestamp(cutoff))
                .map(row -> row.get("gitea_user", String.class))
                .all();
    }

    /** The Gitea ids of {@code giteaUser}'s tokens expired before {@code cutoff}. */
    Flux<Long> expiredTokenIds(String giteaUser, Instant cutoff) {
        return db.sql("SELECT gitea_token_id FROM gitea_tokens WHERE gitea_user = :user AND expires_at < :cutoff")
                .bind("user", giteaUser)
                .bind("cutoff", Sql.timestamp(cutoff))
                .map(row -> Sql.longValue(row, "gitea_token_id"))
                .all();
    }

    /** Forgets {@code giteaUser}'s tokens expired before {@code cutoff} (once they are deleted in Gitea). */
    Mono<Long> deleteExpiredBefore(String giteaUser, Instant cutoff) {
        return db.sql("DELETE FROM gitea_tokens WHERE gitea_user = :user AND expires_at < :cutoff")
                .bind("user", giteaUser)
                .bind("cutoff", Sql.timestamp(cutoff))
                .fetch()
                .rowsUpdated();
    }
}
