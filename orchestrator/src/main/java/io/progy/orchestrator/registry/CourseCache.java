package io.progy.orchestrator.registry;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.progy.format.SemVer;
import io.progy.orchestrator.config.ProgyProperties;
import io.progy.orchestrator.registry.RegistryRecords.PackageRow;
import io.progy.orchestrator.registry.RegistryRecords.VersionRow;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Each course's ready versions, held in memory (Caffeine) so resolve and download need no database
 * round trip. Publish and yank on this node invalidate the course at once; the TTL bounds how long
 * another node's change can go unseen. Unknown courses are cached too (as empty), briefly.
 */
@Component
class CourseCache {

    /** Renderings of resolve answers kept per course; beyond this, ranges are rendered on each request. */
    private static final int MAX_RENDERED_RANGES = 64;

    /** A course with its ready versions, newest first. */
    record CourseEntry(
            CourseKey key,
            PackageRow pkg,
            List<VersionRow> versions,
            Map<String, VersionRow> byVersion,
            Set<String> yanked,
            ConcurrentMap<String, RenderedResolve> rendered) {

        Optional<VersionRow> version(String version) {
            return Optional.ofNullable(byVersion.get(version));
        }

        /** Memoises a rendering of this (immutable) entry for one range. */
        RenderedResolve rendered(String range, java.util.function.Supplier<RenderedResolve> render) {
            RenderedResolve cached = rendered.get(range);
            if (cached != null) {
                return cached;
            }
            RenderedResolve fresh = render.get();
            if (rendered.size() < MAX_RENDERED_RANGES) {
                rendered.putIfAbsent(range, fresh);
            }
            return fresh;
        }
    }

    /** A resolve answer as sent: JSON bytes and their strong ETag. */
    record RenderedResolve(byte[] body, String etag) {}

    private final RegistryRepository repository;
    private final AsyncCache<CourseKey, Optional<CourseEntry>> cache;

    CourseCache(RegistryRepository repository, ProgyProperties properties) {
        this.repository = repository;
        this.cache = Caffeine.newBuilder()
                .maximumSize(50_000)
                .expireAfterWrite(properties.registry().cacheTtl())
                .buildAsync();
    }

    /**
     * The course and its ready versions, or empty when no such course has a ready version. A miss loads on
     * {@code boundedElastic}, never inside the cache's compute: a load that completed on the calling thread
     * (the embedded database answers synchronously) would update the cache's map from within its own
     * computation, which Caffeine refuses ("Recursive update") when two requests race for a fresh course.
     */
    Mono<Optional<CourseEntry>> get(CourseKey key) {
        return Mono.fromFuture(
                cache.get(key, (k, executor) -> load(k).subscribeOn(Schedulers.boundedElastic())
                        .toFuture()),
                true);
    }

    void invalidate(CourseKey key) {
        cache.synchronous().invalidate(key);
    }

    private Mono<Optional<CourseEntry>> load(CourseKey key) {
        return repository
                .findPackage(key)
                .flatMap(pkg -> repository.readyVersions(pkg.id()).collectList().map(rows -> entry(key, pkg, rows)))
                .defaultIfEmpty(Optional.empty());
    }

    private static Optional<CourseEntry> entry(CourseKey key, PackageRow pkg, List<VersionRow> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<VersionRow> newestFirst = rows.stream()
                .sorted(Comparator.comparing(VersionRow::version, SemVer.ORDER).reversed())
                .toList();
        Map<String, VersionRow> byVersion = new LinkedHashMap<>();
        newestFirst.forEach(v -> byVersion.put(v.version(), v));
        Set<String> yanked = newestFirst.stream()
                .filter(VersionRow::yanked)
                .map(VersionRow::version)
                .collect(Collectors.toUnmodifiableSet());
        return Optional.of(
                new CourseEntry(key, pkg, newestFirst, Map.copyOf(byVersion), yanked, new ConcurrentHashMap<>()));
    }
}
