package io.progy.orchestrator.auth.device;

import io.progy.orchestrator.config.Sql;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** SQL for {@code device_codes}. Device codes are found by their sha256, user codes as typed (normalized). */
@Repository
class DeviceCodeRepository {

    enum Status {
        PENDING,
        APPROVED,
        DENIED,
        CONSUMED;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status of(String column) {
            return valueOf(column.toUpperCase(java.util.Locale.ROOT));
        }
    }

    record DeviceCode(
            long id,
            String userCode,
            String clientId,
            String scopes,
            Status status,
            Long userId,
            int intervalSeconds,
            Instant lastPolledAt,
            Instant expiresAt) {}

    private static final String COLUMNS =
            "id, user_code, client_id, scopes, status, user_id, interval_seconds, last_polled_at, expires_at";

    private final DatabaseClient db;

    DeviceCodeRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts a pending code; fails with a constraint violation when the user code is taken. */
    Mono<Void> insert(
            String deviceCodeHash,
            String userCode,
            String clientId,
            String scopes,
            int intervalSeconds,
            Instant now,
            Instant expiresAt) {
        return db.sql("INSERT INTO device_codes (device_code_hash, user_code, client_id, scopes, status,"
                        + " interval_seconds, created_at, expires_at)"
                        + " VALUES (:hash, :code, :client, :scopes, 'pending', :interval, :created, :expires)")
                .bind("hash", deviceCodeHash)
                .bind("code", userCode)
                .bind("client", clientId)
                .bind("scopes", scopes)
                .bind("interval", intervalSeconds)
                .bind("created", Sql.timestamp(now))
                .bind("expires", Sql.timestamp(expiresAt))
                .then();
    }

    Mono<DeviceCode> findByDeviceCodeHash(String hash) {
        return db.sql("SELECT " + COLUMNS + " FROM device_codes WHERE device_code_hash = :hash")
                .bind("hash", hash)
                .map(DeviceCodeRepository::row)
                .one();
    }

    Mono<DeviceCode> findByUserCode(String userCode) {
        return db.sql("SELECT " + COLUMNS + " FROM device_codes WHERE user_code = :code")
                .bind("code", userCode)
                .map(DeviceCodeRepository::row)
                .one();
    }

    /**
     * Records a poll at {@code now} if the previous one is still {@code previous} (so two concurrent polls
     * cannot both pass the interval check), adding {@code extraInterval} seconds to the interval.
     */
    Mono<Boolean> recordPoll(long id, Instant previous, Instant now, int extraInterval) {
        String condition = previous == null ? "last_polled_at IS NULL" : "last_polled_at = :previous";
        var spec = db.sql("UPDATE device_codes SET last_polled_at = :now, interval_seconds = interval_seconds + :extra"
                        + " WHERE id = :id AND " + condition)
                .bind("now", Sql.timestamp(now))
                .bind("extra", extraInterval)
                .bind("id", id);
        if (previous != null) {
            spec = spec.bind("previous", Sql.timestamp(previous));
        }
        return spec.fetch().rowsUpdated().map(count -> count == 1);
    }

    /** Approves or denies a pending, unexpired code; false when it is no longer pending. */
    Mono<Boolean> decide(String userCode, long userId, Status decision, Instant now) {
        return db.sql("UPDATE device_codes SET status = :status, user_id = :user"
                        + " WHERE user_code = :code AND status = 'pending' AND expires_at > :now")
                .bind("status", decision.column())
                .bind("user", userId)
                .bind("code", userCode)
                .bind("now", Sql.timestamp(now))
                .fetch()
                .rowsUpdated()
                .map(count -> count == 1);
    }

    /** Marks an approved code consumed; true for exactly one caller. */
    Mono<Boolean> consume(long id) {
        return db.sql("UPDATE device_codes SET status = 'consumed' WHERE id = :id AND status = 'approved'")
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .map(count -> count == 1);
    }

    /** Deletes codes that expired before {@code cutoff}, freeing their user codes. */
    Mono<Long> deleteExpired(Instant cutoff) {
        return db.sql("DELETE FROM device_codes WHERE expires_at < :cutoff")
                .bind("cutoff", Sql.timestamp(cutoff))
                .fetch()
                .rowsUpdated();
    }

    private static DeviceCode row(Readable row) {
        Number userId = row.get("user_id", Number.class);
        return new DeviceCode(
                Sql.longValue(row, "id"),
                row.get("user_code", String.class),
                row.get("client_id", String.class),
                row.get("scopes", String.class),
                Status.of(row.get("status", String.class)),
                userId == null ? null : userId.longValue(),
                (int) Sql.longValue(row, "interval_seconds"),
                Sql.instant(row, "last_polled_at"),
                Sql.instant(row, "expires_at"));
    }
}
