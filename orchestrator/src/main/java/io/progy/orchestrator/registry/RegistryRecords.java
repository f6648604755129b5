package io.progy.orchestrator.registry;

import java.time.Instant;
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
}
