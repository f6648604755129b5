package io.progy.orchestrator.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Rows the registry reads, and the JSON bodies it answers with (snake_case on the wire). */
public final class RegistryRecords {

    private RegistryRecords() {}

    public record PackageRow(
            long id,
            String scope,
            String slug,
            long ownerId,
            String description,
            List<String> keywords,
            String latestVersion,
            Instant updatedAt) {}

    /** A ready (published) version. */
    public record VersionRow(
            long id, String version, String sha256, long size, int fileCount, boolean yanked, Instant publishedAt) {}

    /** A publish that never completed. */
    public record PendingRow(long id, String scope, String slug, String version) {}

    public record PublishResponse(
            String name, String version, String sha256, long size, int fileCount, Instant publishedAt) {}

    public record VersionView(String version, String sha256, long size, boolean yanked, Instant publishedAt) {}

    public record Resolved(String version, String sha256, long size, String downloadUrl) {}

    public record ResolveResponse(
            String name, String description, String latest, List<VersionView> versions, Resolved resolved) {}

    public record SearchHit(String name, String description, List<String> keywords, String latest, Instant updatedAt) {}

    public record SearchResponse(String query, int page, int perPage, long total, List<SearchHit> results) {}

    public record YankResponse(String name, String version, boolean yanked) {}

    /** The downloads of one version on one (UTC) day, as {@code download_counts} holds them. */
    public record DailyDownloads(String version, LocalDate day, long downloads) {}

    public record VersionDownloads(String version, long downloads) {}

    /** One week, Monday to Sunday (UTC): its downloads, and per version those that had any, highest version first. */
    public record WeekDownloads(LocalDate weekStart, long downloads, List<VersionDownloads> versions) {}

    /** A course's download numbers: all-time total and the last weeks, oldest first, the current week last. */
    public record DownloadStats(String name, long totalDownloads, List<WeekDownloads> weeks) {}
}
