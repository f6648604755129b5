package io.progy.orchestrator.registry;

import io.progy.orchestrator.registry.RegistryRecords.DownloadStats;
import io.progy.orchestrator.registry.RegistryRecords.SearchResponse;
import io.progy.orchestrator.registry.RegistryRecords.VersionView;
import io.progy.orchestrator.storage.BlobContent;
import io.progy.orchestrator.storage.BlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipFile;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** What the web pages read from the registry: search, a course's versions, its README and its downloads. */
@Service
public class CourseBrowser {

    /** A README longer than this is cut off: a page is no place for a book. */
    static final int MAX_README_BYTES = 256 * 1024;

    /**
     * A published course as its page shows it.
     *
     * @param latest the newest version that is not yanked, or null when every version is yanked
     * @param versions newest first, yanked ones included
     */
    public record CourseOverview(
            String name,
            String scope,
            String slug,
            long ownerId,
            String description,
            List<String> keywords,
            String latest,
            List<VersionView> versions) {}

    private final CourseCache cache;
    private final RegistryQueries queries;
    private final BlobStore blobs;

    CourseBrowser(CourseCache cache, RegistryQueries queries, BlobStore blobs) {
        this.cache = cache;
        this.queries = queries;
        this.blobs = blobs;
    }

    public Mono<SearchResponse> search(String query, int page, int perPage) {
        return queries.search(query, page, perPage);
    }

    /** The course, or empty when the name is invalid or nothing of it is published. */
    public Mono<CourseOverview> overview(String scope, String slug) {
        CourseKey key;
        try {
            key = CourseKey.fromPath(scope, slug);
        } catch (RuntimeException invalid) {
            return Mono.empty();
        }
        return cache.get(key)
                .flatMap(found -> Mono.justOrEmpty(found.map(entry -> new CourseOverview(
                        key.name(),
                        key.scope(),
                        key.slug(),
                        entry.pkg().ownerId(),
                        entry.pkg().description() == null ? "" : entry.pkg().description(),
                        entry.pkg().keywords() == null ? List.of() : entry.pkg().keywords(),
                        entry.versions().stream()
                                .filter(v -> !v.yanked())
                                .findFirst()
                                .map(RegistryRecords.VersionRow::version)
                                .orElse(null),
                        entry.versions().stream()
                                .map(v ->
                                        new VersionView(v.version(), v.sha256(), v.size(), v.yanked(), v.publishedAt()))
                                .toList()))));
    }

    /** The last {@code weeks} weeks of downloads, current week last. */
    public Mono<DownloadStats> downloads(CourseOverview course, int weeks) {
        return queries.downloadStats(new CourseKey(course.scope(), course.slug()), weeks);
    }

    /**
     * The {@code README.md} at the root of a version's artifact (read on {@code boundedElastic}), cut to
     * {@value #MAX_README_BYTES} bytes; empty when there is none. Only that one entry is read: nothing is unpacked.
     */
    public Mono<String> readme(CourseOverview course, String version) {
        String key = new CourseKey(course.scope(), course.slug()).blobKey(version);
        return blobs.open(key).flatMap(content -> {
            if (content instanceof BlobContent.LocalFile file) {
                return Mono.fromCallable(() -> readReadme(file.path()))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(Mono::justOrEmpty);
            }
            var streamed = (BlobContent.Streamed) content;
            return Mono.usingWhen(
                    Mono.fromCallable(() -> Files.createTempFile("progy-readme", ".progy"))
                            .subscribeOn(Schedulers.boundedElastic()),
                    temp -> DataBufferUtils.write(streamed.content(), temp)
                            .then(Mono.fromCallable(() -> readReadme(temp)).subscribeOn(Schedulers.boundedElastic()))
                            .flatMap(Mono::justOrEmpty),
                    temp -> Mono.fromRunnable(() -> deleteQuietly(temp)).subscribeOn(Schedulers.boundedElastic()));
        });
    }

    static Optional<String> readReadme(Path archive) throws IOException {
        try (var zip = new ZipFile(archive.toFile(), StandardCharsets.UTF_8)) {
            var entry = zip.getEntry("README.md");
            if (entry == null || entry.isDirectory()) {
                return Optional.empty();
            }
            try (InputStream in = zip.getInputStream(entry)) {
                // Bounded by what is read, not by the size the archive claims.
                var out = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                int n;
                while (out.size() < MAX_README_BYTES
                        && (n = in.read(buffer, 0, Math.min(buffer.length, MAX_README_BYTES - out.size()))) > 0) {
                    out.write(buffer, 0, n);
                }
                return Optional.of(out.toString(StandardCharsets.UTF_8));
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
