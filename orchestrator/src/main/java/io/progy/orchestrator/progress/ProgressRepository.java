package io.progy.orchestrator.progress;

import io.progy.orchestrator.config.Sql;
import io.progy.orchestrator.progress.ExerciseProgress.Check;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code check_events} and {@code exercise_progress}. */
@Repository
class ProgressRepository {

    /** A stored check, with the exercise it belongs to. */
    record StoredCheck(String exercise, Check check) {}

    /** The aggregates of one exercise across a course's students. */
    record ExerciseAggregate(
            String exercise, long started, long passed, Double medianAttempts, Double medianSecondsToPass) {}

    private static final String PROGRESS_COLUMNS = "exercise, status, attempts, first_attempt_at, first_passed_at,"
            + " attempts_to_pass, last_attempt_at, last_version";

    private final DatabaseClient db;

    ProgressRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Locks the user's row for the rest of the transaction, so that one user's batches are stored one after the
     * other: each then sees the events of the one before when it recomputes progress.
     */
    Mono<Void> lockUser(long userId) {
        return db.sql("SELECT id FROM users WHERE id = :id FOR UPDATE")
                .bind("id", userId)
                .map(row -> 1)
                .all()
                .then();
    }

    /** Which of {@code eventIds} the user's events already hold. */
    Flux<String> storedEventIds(long userId, Collection<String> eventIds) {
        return db.sql("SELECT event_id FROM check_events WHERE user_id = :user AND event_id IN (:ids)")
                .bind("user", userId)
                .bind("ids", eventIds)
                .map(row -> row.get("event_id", String.class))
                .all();
    }

    Mono<Void> insertEvent(long userId, long packageId, CheckEvent event, OffsetDateTime receivedAt) {
        return db.sql("INSERT INTO check_events (user_id, event_id, package_id, version, exercise, passed,"
                        + " duration_ms, occurred_at, received_at)"
                        + " VALUES (:user, :event, :package, :version, :exercise, :passed, :duration, :occurred,"
                        + " :received)")
                .bind("user", userId)
                .bind("event", event.eventId())
                .bind("package", packageId)
                .bind("version", event.version())
                .bind("exercise", event.exercise())
                .bind("passed", event.passed())
                .bind("duration", event.durationMs())
                .bind("occurred", Sql.timestamp(event.occurredAt()))
                .bind("received", receivedAt)
                .then();
    }

    /** The user's checks of these exercises of a package, in the order they happened (ties: as received). */
    Flux<StoredCheck> checks(long userId, long packageId, Collection<String> exercises) {
        return db.sql("SELECT exercise, version, passed, occurred_at FROM check_events"
                        + " WHERE user_id = :user AND package_id = :package AND exercise IN (:exercises)"
                        + " ORDER BY exercise, occurred_at, id")
                .bind("user", userId)
                .bind("package", packageId)
                .bind("exercises", exercises)
                .map(row -> new StoredCheck(
                        row.get("exercise", String.class),
                        new Check(
                                row.get("version", String.class),
                                Boolean.TRUE.equals(row.get("passed", Boolean.class)),
                                Sql.instant(row, "occurred_at"))))
                .all();
    }

    /** Writes the user's row for the exercise, replacing the one there. */
    Mono<Void> saveProgress(long userId, long packageId, ExerciseProgress progress) {
        Map<String, Object> values = Map.of(
                "user", userId,
                "package", packageId,
                "exercise", progress.exercise(),
                "status", progress.status(),
                "attempts", progress.attempts(),
                "first", Sql.timestamp(progress.firstAttemptAt()),
                "last", Sql.timestamp(progress.lastAttemptAt()),
                "version", progress.lastVersion());
        var update = db.sql("UPDATE exercise_progress SET status = :status, attempts = :attempts,"
                        + " first_attempt_at = :first, first_passed_at = :passed_at, attempts_to_pass = :to_pass,"
                        + " last_attempt_at = :last, last_version = :version"
                        + " WHERE user_id = :user AND package_id = :package AND exercise = :exercise")
                .bindValues(values);
        update = bindPass(update, progress);
        var insert = db.sql("INSERT INTO exercise_progress (user_id, package_id, exercise, status, attempts,"
                        + " first_attempt_at, first_passed_at, attempts_to_pass, last_attempt_at, last_version)"
                        + " VALUES (:user, :package, :exercise, :status, :attempts, :first, :passed_at, :to_pass,"
                        + " :last, :version)")
                .bindValues(values);
        var insertSpec = bindPass(insert, progress);
        return update.fetch().rowsUpdated().flatMap(rows -> rows > 0 ? Mono.empty() : insertSpec.then());
    }

    private static DatabaseClient.GenericExecuteSpec bindPass(
            DatabaseClient.GenericExecuteSpec spec, ExerciseProgress progress) {
        spec = Sql.bind(
                spec,
                "passed_at",
                progress.firstPassedAt() == null ? null : Sql.timestamp(progress.firstPassedAt()),
                OffsetDateTime.class);
        return Sql.bind(spec, "to_pass", progress.attemptsToPass(), Integer.class);
    }

    /** The user's progress rows in a package, in no particular order. */
    Flux<ExerciseProgress> progress(long userId, long packageId) {
        return db.sql("SELECT " + PROGRESS_COLUMNS
                        + " FROM exercise_progress WHERE user_id = :user AND package_id = :package")
                .bind("user", userId)
                .bind("package", packageId)
                .map(ProgressRepository::progressRow)
                .all();
    }

    /** Per course the user has checked exercises of: exercises started and passed, most recently active first. */
    Flux<ProgressApi.CourseActivity> activity(long userId) {
        return db.sql("SELECT k.scope, k.slug, COUNT(*) AS started,"
                        + " SUM(CASE WHEN p.status = 'passed' THEN 1 ELSE 0 END) AS passed,"
                        + " MAX(p.last_attempt_at) AS latest"
                        + " FROM exercise_progress p JOIN packages k ON k.id = p.package_id"
                        + " WHERE p.user_id = :user GROUP BY k.scope, k.slug ORDER BY latest DESC, k.scope, k.slug")
                .bind("user", userId)
                .map(row -> new ProgressApi.CourseActivity(
                        row.get("scope", String.class),
                        row.get("slug", String.class),
                        Sql.longValue(row, "started"),
                        Sql.longValue(row, "passed"),
                        Sql.instant(row, "latest")))
                .all();
    }

    /** Per exercise: students who started it, who passed it, and the medians over those who passed. */
    Flux<ExerciseAggregate> aggregates(long packageId) {
        return db.sql("SELECT exercise, COUNT(*) AS started,"
                        + " SUM(CASE WHEN status = :passed THEN 1 ELSE 0 END) AS passed,"
                        + " PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY attempts_to_pass) AS median_attempts,"
                        + " PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY"
                        + " EXTRACT(EPOCH FROM first_passed_at) - EXTRACT(EPOCH FROM first_attempt_at))"
                        + " AS median_seconds"
                        + " FROM exercise_progress WHERE package_id = :package GROUP BY exercise")
                .bind("passed", ExerciseProgress.PASSED)
                .bind("package", packageId)
                .map(row -> new ExerciseAggregate(
                        row.get("exercise", String.class),
                        Sql.longValue(row, "started"),
                        Sql.longValue(row, "passed"),
                        doubleOrNull(row, "median_attempts"),
                        doubleOrNull(row, "median_seconds")))
                .all();
    }

    /**
     * Per exercise, the students whose most recent check in the course is of that exercise and who have not
     * passed it. (A student whose latest checks of two exercises happened at the same instant counts for both.)
     */
    Flux<Map.Entry<String, Long>> dropOffs(long packageId) {
        return db.sql("SELECT p.exercise, COUNT(*) AS students FROM exercise_progress p"
                        + " JOIN (SELECT user_id, MAX(last_attempt_at) AS latest FROM exercise_progress"
                        + " WHERE package_id = :package GROUP BY user_id) l"
                        + " ON l.user_id = p.user_id AND l.latest = p.last_attempt_at"
                        + " WHERE p.package_id = :package AND p.status <> :passed GROUP BY p.exercise")
                .bind("package", packageId)
                .bind("passed", ExerciseProgress.PASSED)
                .map(row -> Map.entry(row.get("exercise", String.class), Sql.longValue(row, "students")))
                .all();
    }

    /** Students with at least one check in the course. */
    Mono<Long> students(long packageId) {
        return db.sql("SELECT COUNT(DISTINCT user_id) AS students FROM exercise_progress WHERE package_id = :package")
                .bind("package", packageId)
                .map(row -> Sql.longValue(row, "students"))
                .one();
    }

    private static ExerciseProgress progressRow(Readable row) {
        Number toPass = row.get("attempts_to_pass", Number.class);
        return new ExerciseProgress(
                row.get("exercise", String.class),
                row.get("status", String.class),
                (int) Sql.longValue(row, "attempts"),
                Sql.instant(row, "first_attempt_at"),
                Sql.instant(row, "first_passed_at"),
                toPass == null ? null : toPass.intValue(),
                Sql.instant(row, "last_attempt_at"),
                row.get("last_version", String.class));
    }

    private static Double doubleOrNull(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? null : value.doubleValue();
    }
}
