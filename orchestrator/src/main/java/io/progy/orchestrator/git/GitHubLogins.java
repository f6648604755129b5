package io.progy.orchestrator.git;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The GitHub login linked to each Progy account ({@code users.github_login}). Linking a GitHub account by signing
 * in with GitHub will write it; until then, {@code ensure-repo}'s optional {@code github_login} does, once.
 */
@Repository
public class GitHubLogins {

    /** GitHub's rule: letters, digits and single hyphens, not at either end, at most 39 characters. */
    public static final String LOGIN_REGEX = "[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}";

    private final DatabaseClient db;

    GitHubLogins(DatabaseClient db) {
        this.db = db;
    }

    /** The linked login, or empty. */
    public Mono<String> find(long userId) {
        return db.sql("SELECT github_login FROM users WHERE id = :id AND github_login IS NOT NULL")
                .bind("id", userId)
                .map(row -> row.get("github_login", String.class))
                .one();
    }

    /**
     * Links {@code login} unless a login is linked already.
     *
     * @return the login linked now, which is the earlier one when there was one
     */
    public Mono<String> linkIfAbsent(long userId, String login) {
        return db.sql("UPDATE users SET github_login = :login WHERE id = :id AND github_login IS NULL")
                .bind("login", login)
                .bind("id", userId)
                .then()
                .then(find(userId));
    }
}
