package io.progy.orchestrator.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.progy.orchestrator.config.Sql;
import io.progy.orchestrator.registry.RegistryRecords.DailyDownloads;
import io.progy.orchestrator.registry.RegistryRecords.PackageRow;
import io.progy.orchestrator.registry.RegistryRecords.PendingRow;
import io.progy.orchestrator.registry.RegistryRecords.SearchHit;
import io.progy.orchestrator.registry.RegistryRecords.VersionRow;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for packages, versions and download counts. Readers only ever see versions in status 'ready'. */
@Repository
class RegistryRepository {

    static final String PENDING = "pending";
    static final String READY = "ready";

    private static final String PACKAGE_COLUMNS =
            "id, scope, slug, owner_id, description, keywords, latest_version, updated_at";
    private static final String VERSION_COLUMNS = "id, version, sha256, size_bytes, file_count, yanked, published_at";
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    private final DatabaseClient db;
    private final ObjectMapper json;

    RegistryRepository(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<PackageRow> findPackage(CourseKey key) {
        return db.sql("SELECT " + PACKAGE_COLUMNS + " FROM packages WHERE scope = :scope AND slug = :slug")
                .bind("scope", key.scope())
                .bind("slug", key.slug())
                .map(this::packageRow)
                .one();
    }

    /** The package row, created (owned by {@code ownerId}) if this is its first publish. */
    Mono<PackageRow> findOrCreatePackage(CourseKey key, long ownerId) {
        return findPackage(key).switchIfEmpty(Mono.defer(() -> {
            var now = Sql.now();
            return db.sql("INSERT INTO packages (scope, slug, name, owner_id, created_at, updated_at)"
                            + " VALUES (:scope, :slug, :name, :owner, :now, :now)")
                    .bind("scope", key.scope())
                    .bind("slug", key.slug())
                    .bind("name", key.name())
                    .bind("owner", ownerId)
                    .bind("now", now)
                    .then()
                    .onErrorResume(Sql::isConstraintViolation, e -> Mono.empty()) // created concurrently
                    .then(findPackage(key));
        }));
    }

    /** Claims (package, version) with a pending row; a second claim fails on the unique constraint. */
    Mono<Long> insertPending(
            long packageId, String version, String sha256, long size, int fileCount, String manifest, long userId) {
        return db.sql("INSERT INTO package_versions (package_id, version, status, sha256, size_bytes, file_count,"
                        + " manifest, yanked, created_at, published_by)"
                        + " VALUES (:package, :version, :status, :sha, :size, :files, :manifest, :yanked, :now, :user)")
                .bind("package", packageId)
                .bind("version", version)
                .bind("status", PENDING)
                .bind("sha", sha256)
                .bind("size", size)
                .bind("files", fileCount)
                .bind("manifest", manifest)
                .bind("yanked", false)
                .bind("now", Sql.now())
                .bind("user", userId)
                .filter(s -> s.returnGeneratedValues("id"))
                .map(row -> Sql.longValue(row, "id"))
                .one();
    }

    Mono<Instant> markReady(long versionId) {
        var now = Sql.now();
        return db.sql("UPDATE package_versions SET status = :ready, published_at = :now"
                        + " WHERE id = :id AND status = :pending")
                .bind("ready", READY)
                .bind("now", now)
                .bind("id", versionId)
                .bind("pending", PENDING)
                .fetch()
                .rowsUpdated()
                .flatMap(rows -> rows == 1
                        ? Mono.just(now.toInstant())
                        : Mono.error(new IllegalStateException("version row " + versionId + " is no longer pending")));
    }

    /** Removes an abandoned claim. Never touches a ready version. */
    Mono<Void> deletePending(long versionId) {
        return db.sql("DELETE FROM package_versions WHERE id = :id AND status = :pending")
                .bind("id", versionId)
                .bind("pending", PENDING)
                .then();
    }

    Flux<PendingRow> pendingCreatedBefore(Instant cutoff) {
        return db.sql("SELECT v.id, p.scope, p.slug, v.version FROM package_versions v"
                        + " JOIN packages p ON p.id = v.package_id"
                        + " WHERE v.status = :pending AND v.created_at < :cutoff")
                .bind("pending", PENDING)
                .bind("cutoff", Sql.timestamp(cutoff))
                .map(row -> new PendingRow(
                        Sql.longValue(row, "id"),
                        row.get("scope", String.class),
                        row.get("slug", String.class),
                        row.get("version", String.class)))
                .all();
    }

    /** Ready versions of a package, in no particular order. */
    Flux<VersionRow> readyVersions(long packageId) {
        return db.sql("SELECT " + VERSION_COLUMNS + " FROM package_versions"
                        + " WHERE package_id = :package AND status = :ready")
                .bind("package", packageId)
                .bind("ready", READY)
                .map(RegistryRepository::versionRow)
                .all();
    }

    Mono<String> manifest(long packageId, String version) {
        return db.sql("SELECT manifest FROM package_versions WHERE package_id = :package AND version = :version")
                .bind("package", packageId)
                .bind("version", version)
                .map(row -> row.get("manifest", String.class))
                .one();
    }

    /** Locks the package row for the rest of the transaction (serialises summary refreshes). */
    Mono<Void> lockPackage(long packageId) {
        return db.sql("SELECT id FROM packages WHERE id = :id FOR UPDATE")
                .bind("id", packageId)
                .map(row -> 1)
                .all()
                .then();
    }

    Mono<Void> updateSummary(long packageId, String latestVersion, String description, List<String> keywords) {
        var spec = db.sql("UPDATE packages SET latest_version = :latest, description = :description,"
                        + " keywords = :keywords, updated_at = :now WHERE id = :id")
                .bind("now", Sql.now())
                .bind("id", packageId);
        spec = Sql.bind(spec, "latest", latestVersion, String.class);
        spec = Sql.bind(spec, "description", description, String.class);
        spec = Sql.bind(spec, "keywords", keywords == null ? null : writeJson(keywords), String.class);
        return spec.then();
    }

    Mono<Long> setYanked(long packageId, String version, boolean yanked) {
        var spec = db.sql("UPDATE package_versions SET yanked = :yanked, yanked_at = :at"
                        + " WHERE package_id = :package AND version = :version AND status = :ready")
                .bind("yanked", yanked)
                .bind("package", packageId)
                .bind("version", version)
                .bind("ready", READY);
        return Sql.bind(spec, "at", yanked ? Sql.now() : null, java.time.OffsetDateTime.class)
                .fetch()
                .rowsUpdated();
    }

    Mono<Long> countSearch(String query) {
        return db.sql("SELECT COUNT(*) AS total FROM packages WHERE " + searchCondition(query))
                .bindValues(searchParameters(query))
                .map(row -> Sql.longValue(row, "total"))
                .one();
    }

    Flux<SearchHit> search(String query, int limit, long offset) {
        return db.sql("SELECT name, description, keywords, latest_version, updated_at FROM packages WHERE "
                        + searchCondition(query) + " ORDER BY name LIMIT :limit OFFSET :offset")
                .bindValues(searchParameters(query))
                .bind("limit", limit)
                .bind("offset", offset)
                .map(row -> new SearchHit(
                        row.get("name", String.class),
                        Objects.requireNonNullElse(row.get("description", String.class), ""),
                        readKeywords(row.get("keywords", String.class)),
                        row.get("latest_version", String.class),
                        Sql.instant(row, "updated_at")))
                .all();
    }

    private static String searchCondition(String query) {
        String visible = "latest_version IS NOT NULL";
        if (query.isEmpty()) {
            return visible;
        }
        return visible + " AND (LOWER(name) LIKE :q ESCAPE '\\' OR LOWER(COALESCE(description, '')) LIKE :q ESCAPE"
                + " '\\' OR LOWER(COALESCE(keywords, '')) LIKE :q ESCAPE '\\')";
    }

    private static java.util.Map<String, Object> searchParameters(String query) {
        return query.isEmpty() ? java.util.Map.of() : java.util.Map.of("q", Sql.likeContains(query));
    }

    /** Adds {@code downloads} to the version-day row, creating it on the first download of the day. */
    Mono<Void> addDownloads(long versionId, LocalDate day, long downloads) {
        Mono<Long> update = db.sql("UPDATE download_counts SET downloads = downloads + :n"
                        + " WHERE version_id = :version AND download_day = :day")
                .bind("n", downloads)
                .bind("version", versionId)
                .bind("day", day)
                .fetch()
                .rowsUpdated();
        Mono<Void> insert = db.sql("INSERT INTO download_counts (version_id, download_day, downloads)"
                        + " VALUES (:version, :day, :n)")
                .bind("version", versionId)
                .bind("day", day)
                .bind("n", downloads)
                .then();
        return update.flatMap(rows ->
                rows > 0 ? Mono.<Void>empty() : insert.onErrorResume(Sql::isConstraintViolation, e -> update.then()));
    }

    Mono<Long> downloads(long versionId, LocalDate day) {
        return db.sql("SELECT downloads FROM download_counts WHERE version_id = :version AND download_day = :day")
                .bind("version", versionId)
                .bind("day", day)
                .map(row -> Sql.longValue(row, "downloads"))
                .one()
                .defaultIfEmpty(0L);
    }

    /** Downloads of a package's versions per day, from {@code from} (inclusive) on. */
    Flux<DailyDownloads> dailyDownloads(long packageId, LocalDate from) {
        return db.sql("SELECT v.version, d.download_day, d.downloads FROM download_counts d"
                        + " JOIN package_versions v ON v.id = d.version_id"
                        + " WHERE v.package_id = :package AND d.download_day >= :from")
                .bind("package", packageId)
                .bind("from", from)
                .map(row -> new DailyDownloads(
                        row.get("version", String.class),
                        row.get("download_day", LocalDate.class),
                        Sql.longValue(row, "downloads")))
                .all();
    }

    /** Every download of a package's versions, ever. */
    Mono<Long> totalDownloads(long packageId) {
        return db.sql("SELECT COALESCE(SUM(d.downloads), 0) AS total FROM download_counts d"
                        + " JOIN package_versions v ON v.id = d.version_id WHERE v.package_id = :package")
                .bind("package", packageId)
                .map(row -> Sql.longValue(row, "total"))
                .one();
    }

    private PackageRow packageRow(Readable row) {
        return new PackageRow(
                Sql.longValue(row, "id"),
                row.get("scope", String.class),
                row.get("slug", String.class),
                Sql.longValue(row, "owner_id"),
                row.get("description", String.class),
                readKeywords(row.get("keywords", String.class)),
                row.get("latest_version", String.class),
                Sql.instant(row, "updated_at"));
    }

    private static VersionRow versionRow(Readable row) {
        return new VersionRow(
                Sql.longValue(row, "id"),
                row.get("version", String.class),
                row.get("sha256", String.class),
                Sql.longValue(row, "size_bytes"),
                (int) Sql.longValue(row, "file_count"),
                Boolean.TRUE.equals(row.get("yanked", Boolean.class)),
                Sql.instant(row, "published_at"));
    }

    private List<String> readKeywords(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        try {
            return json.readValue(text, STRING_LIST);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
