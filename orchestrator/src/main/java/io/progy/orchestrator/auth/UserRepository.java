package io.progy.orchestrator.auth;

import io.progy.orchestrator.config.Sql;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** SQL for the {@code users} table. */
@Repository
class UserRepository {

    private static final String COLUMNS = "id, username, email, password_hash, created_at";

    private final DatabaseClient db;

    UserRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts a user; fails with a DataIntegrityViolationException when the name or email is taken. */
    Mono<User> insert(String username, String email, String passwordHash) {
        var createdAt = Sql.now();
        return db.sql("INSERT INTO users (username, email, password_hash, created_at)"
                        + " VALUES (:username, :email, :hash, :created)")
                .bind("username", username)
                .bind("email", email)
                .bind("hash", passwordHash)
                .bind("created", createdAt)
                .filter(s -> s.returnGeneratedValues("id"))
                .map(row -> Sql.longValue(row, "id"))
                .one()
                .map(id -> new User(id, username, email, passwordHash, createdAt.toInstant()));
    }

    Mono<User> findByUsername(String username) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE username = :username")
                .bind("username", username)
                .map(UserRepository::user)
                .one();
    }

    Mono<User> findByEmail(String email) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE email = :email")
                .bind("email", email)
                .map(UserRepository::user)
                .one();
    }

    Mono<User> findById(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id)
                .map(UserRepository::user)
                .one();
    }

    private static User user(Readable row) {
        Instant created = Sql.instant(row, "created_at");
        return new User(
                Sql.longValue(row, "id"),
                row.get("username", String.class),
                row.get("email", String.class),
                row.get("password_hash", String.class),
                created);
    }
}
