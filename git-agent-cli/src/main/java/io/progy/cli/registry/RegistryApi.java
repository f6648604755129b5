package io.progy.cli.registry;

import io.progy.cli.http.Download;
import io.progy.cli.http.HttpApi;
import io.progy.cli.http.HttpApi.Auth;
import io.progy.cli.http.TransferListener;
import io.progy.format.CourseName;
import java.nio.file.Path;
import java.util.List;

/** The registry endpoints of the Progy API ({@code /v1/registry/*}), typed. */
public final class RegistryApi {
    /** {@code GET /v1/registry/resolve/{scope}/{slug}}: all versions (newest first) and the one chosen. */
    public record Resolution(
            String name, String description, String latest, List<VersionInfo> versions, Resolved resolved) {
        public Resolution {
            versions = versions == null ? List.of() : versions;
        }

        /** True when the course has versions and every one of them is yanked (no range picks any). */
        public boolean allYanked() {
            return !versions.isEmpty() && versions.stream().allMatch(VersionInfo::yanked);
        }
    }

    public record VersionInfo(String version, String sha256, long size, boolean yanked, String publishedAt) {}

    public record Resolved(String version, String sha256, long size, String downloadUrl) {}

    public record SearchPage(String query, int page, int perPage, long total, List<SearchHit> results) {
        public SearchPage {
            results = results == null ? List.of() : results;
        }
    }

    public record SearchHit(String name, String description, List<String> keywords, String latest, String updatedAt) {}

    public record Published(String name, String version, String sha256, long size, int fileCount, String publishedAt) {}

    public record YankResult(String name, String version, boolean yanked) {}

    private final HttpApi http;

    public RegistryApi(HttpApi http) {
        this.http = http;
    }

    public HttpApi http() {
        return http;
    }

    /**
     * Resolves {@code range} ("latest", "^1.2", an exact version, ...) for {@code name}. With a null range the
     * server picks the latest version, and still describes a course whose every version is yanked: then
     * {@link Resolution#latest()} and {@link Resolution#resolved()} are null.
     */
    public Resolution resolve(CourseName name, String range) {
        var path = "/v1/registry/resolve/" + name.scope() + "/" + name.slug();
        return http.get(
                range == null ? path : path + "?range=" + HttpApi.query(range), Resolution.class, Auth.OPTIONAL);
    }

    public SearchPage search(String query, int page, int perPage) {
        return http.get(
                "/v1/registry/search?q=" + HttpApi.query(query) + "&page=" + page + "&per_page=" + perPage,
                SearchPage.class,
                Auth.OPTIONAL);
    }

    public Published publish(Path archive) {
        return http.postFile("/v1/registry/publish", "file", archive, Published.class, Auth.REQUIRED);
    }

    public YankResult yank(CourseName name, String version, boolean undo) {
        var path = "/v1/registry/" + name.scope() + "/" + name.slug() + "/" + version + "/yank";
        return undo
                ? http.delete(path, YankResult.class, Auth.REQUIRED)
                : http.post(path, null, YankResult.class, Auth.REQUIRED);
    }

    /** Streams the artifact at {@code downloadUrl} (from a {@link Resolved}) into {@code target}. */
    public Download download(String downloadUrl, Path target, TransferListener listener) {
        return http.download(downloadUrl, target, listener);
    }
}
