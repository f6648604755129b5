package io.progy.orchestrator.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.progy.format.SemVer;
import io.progy.format.Sha256;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.ProblemCode;
import io.progy.orchestrator.registry.CourseCache.CourseEntry;
import io.progy.orchestrator.registry.CourseCache.RenderedResolve;
import io.progy.orchestrator.registry.RegistryRecords.DailyDownloads;
import io.progy.orchestrator.registry.RegistryRecords.DownloadStats;
import io.progy.orchestrator.registry.RegistryRecords.ResolveResponse;
import io.progy.orchestrator.registry.RegistryRecords.Resolved;
import io.progy.orchestrator.registry.RegistryRecords.SearchResponse;
import io.progy.orchestrator.registry.RegistryRecords.VersionDownloads;
import io.progy.orchestrator.registry.RegistryRecords.VersionRow;
import io.progy.orchestrator.registry.RegistryRecords.VersionView;
import io.progy.orchestrator.registry.RegistryRecords.WeekDownloads;
import io.progy.orchestrator.storage.BlobContent;
import io.progy.orchestrator.storage.BlobStore;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Read side of the registry: resolve a range, open a version for download, search. */
@Service
class RegistryQueries {

    static final String LATEST = "latest";
    /** The memo key of an answer to a request without a range (never a valid range itself). */
    private static final String DEFAULT_RANGE = "";

    static final int MAX_PER_PAGE = 100;
    static final int MAX_STATS_WEEKS = 52;

    /** A version opened for download. */
    record Download(CourseKey key, VersionRow version, BlobContent content) {}

    private final CourseCache cache;
    private final RegistryRepository repository;
    private final BlobStore blobStore;
    private final DownloadCounter downloads;
    private final ObjectMapper json;

    RegistryQueries(
            CourseCache cache,
            RegistryRepository repository,
            BlobStore blobStore,
            DownloadCounter downloads,
            ObjectMapper json) {
        this.cache = cache;
        this.repository = repository;
        this.blobStore = blobStore;
        this.downloads = downloads;
        this.json = json;
    }

    /**
     * The course's versions and the one chosen for {@code range}, rendered once per course state: a
     * repeated request is a cache lookup and a map lookup.
     *
     * <p>Without a range the answer describes the course even when every version is yanked: {@code latest}
     * and {@code resolved} are then null, so a client can still list the versions and install an exact one.
     * An explicit range (including {@code latest}) that matches nothing is 404.
     */
    Mono<RenderedResolve> resolve(CourseKey key, String range) {
        boolean explicit = range != null && !range.isBlank();
        String wanted = explicit ? range.trim() : DEFAULT_RANGE;
        return cache.get(key).flatMap(found -> {
            if (found.isEmpty()) {
                return Mono.error(notFound(key));
            }
            CourseEntry entry = found.get();
            RenderedResolve memo = entry.rendered().get(wanted);
            if (memo != null) {
                return Mono.just(memo);
            }
            if (explicit && !SemVer.isValidRange(wanted)) {
                return Mono.error(
                        new ApiException(ProblemCode.INVALID_VERSION, "invalid version range '" + wanted + "'"));
            }
            return Mono.fromCallable(() -> entry.rendered(wanted, () -> render(entry, explicit ? wanted : null)));
        });
    }

    /** Renders the answer for {@code range}; null = no range asked, which may leave nothing resolved. */
    private RenderedResolve render(CourseEntry entry, String range) {
        Optional<String> chosen =
                SemVer.select(entry.byVersion().keySet(), range == null ? LATEST : range, entry.yanked());
        if (chosen.isEmpty() && range != null) {
            throw ApiException.notFound("no version of " + entry.key().name() + " matches range " + range);
        }
        Resolved resolved = chosen.map(entry.byVersion()::get)
                .map(version -> new Resolved(
                        version.version(),
                        version.sha256(),
                        version.size(),
                        entry.key().downloadPath(version.version())))
                .orElse(null);
        var response = new ResolveResponse(
                entry.key().name(),
                entry.pkg().description() == null ? "" : entry.pkg().description(),
                SemVer.select(entry.byVersion().keySet(), LATEST, entry.yanked())
                        .orElse(null),
                entry.versions().stream()
                        .map(v -> new VersionView(v.version(), v.sha256(), v.size(), v.yanked(), v.publishedAt()))
                        .toList(),
                resolved);
        try {
            byte[] body = json.writeValueAsBytes(response);
            return new RenderedResolve(
                    body, "\"" + Sha256.hex(Sha256.newDigest().digest(body)).substring(0, 32) + "\"");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens an exact version (yanked ones too) and counts the download. */
    Mono<Download> download(CourseKey key, String version) {
        return Mono.defer(() -> {
            requireVersion(version);
            return findVersion(key, version).flatMap(row -> blobStore
                    .open(key.blobKey(version))
                    .switchIfEmpty(Mono.error(() -> new ApiException(
                            ProblemCode.STORAGE_FAILED,
                            "the artifact of " + key.name() + "@" + version + " is missing")))
                    .map(content -> {
                        downloads.record(row.id());
                        return new Download(key, row, content);
                    }));
        });
    }

    /** The published version (yanked ones too) without opening its artifact: for HEAD requests. */
    Mono<VersionRow> version(CourseKey key, String version) {
        return Mono.defer(() -> {
            requireVersion(version);
            return findVersion(key, version);
        });
    }

    /** From the cache; a miss re-reads once, in case another node published the version just now. */
    private Mono<VersionRow> findVersion(CourseKey key, String version) {
        Mono<Optional<VersionRow>> cached = cache.get(key).map(entry -> entry.flatMap(e -> e.version(version)));
        return cached.flatMap(found -> {
                    if (found.isPresent()) {
                        return Mono.just(found);
                    }
                    cache.invalidate(key);
                    return cache.get(key).map(entry -> entry.flatMap(e -> e.version(version)));
                })
                .flatMap(found -> found.map(Mono::just)
                        .orElseGet(() -> Mono.error(ApiException.notFound(key.name() + "@" + version + " not found"))));
    }

    Mono<SearchResponse> search(String query, int page, int perPage) {
        if (page < 1) {
            return Mono.error(ApiException.invalidRequest("page", "must be 1 or more"));
        }
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            return Mono.error(ApiException.invalidRequest("per_page", "must be between 1 and " + MAX_PER_PAGE));
        }
        String text = query == null ? "" : query.trim();
        if (text.length() > 100) {
            return Mono.error(ApiException.invalidRequest("q", "must be at most 100 characters"));
        }
        String normalized = text.toLowerCase(Locale.ROOT);
        long offset = (long) (page - 1) * perPage;
        return Mono.zip(
                        repository.countSearch(normalized),
                        repository.search(normalized, perPage, offset).collectList())
                .map(t -> new SearchResponse(text, page, perPage, t.getT1(), t.getT2()));
    }

    /**
     * The course's downloads: the all-time total and the last {@code weeks} weeks (Monday to Sunday, UTC), oldest
     * first and the current week last, each with its downloads per version. Counts reach the database every few
     * seconds ({@code progy.registry.download-flush-interval}).
     */
    Mono<DownloadStats> downloadStats(CourseKey key, int weeks) {
        if (weeks < 1 || weeks > MAX_STATS_WEEKS) {
            return Mono.error(ApiException.invalidRequest("weeks", "must be between 1 and " + MAX_STATS_WEEKS));
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = weekStart(today).minusWeeks(weeks - 1L);
        return cache.get(key).flatMap(found -> {
            if (found.isEmpty()) {
                return Mono.error(notFound(key));
            }
            long packageId = found.get().pkg().id();
            return Mono.zip(
                            repository.totalDownloads(packageId),
                            repository.dailyDownloads(packageId, from).collectList())
                    .map(t -> new DownloadStats(key.name(), t.getT1(), weekly(t.getT2(), from, weeks)));
        });
    }

    /** Sums daily counts into {@code weeks} weeks starting on {@code from} (a Monday); weeks without any are 0. */
    static List<WeekDownloads> weekly(List<DailyDownloads> days, LocalDate from, int weeks) {
        List<Map<String, Long>> perWeek = new ArrayList<>();
        for (int i = 0; i < weeks; i++) {
            perWeek.add(new TreeMap<>(SemVer.ORDER.reversed()));
        }
        for (DailyDownloads day : days) {
            long index = ChronoUnit.WEEKS.between(from, day.day());
            if (!day.day().isBefore(from) && index < weeks) {
                perWeek.get((int) index).merge(day.version(), day.downloads(), Long::sum);
            }
        }
        List<WeekDownloads> result = new ArrayList<>(weeks);
        for (int i = 0; i < weeks; i++) {
            List<VersionDownloads> versions = perWeek.get(i).entrySet().stream()
                    .map(e -> new VersionDownloads(e.getKey(), e.getValue()))
                    .toList();
            long total =
                    versions.stream().mapToLong(VersionDownloads::downloads).sum();
            result.add(new WeekDownloads(from.plusWeeks(i), total, versions));
        }
        return result;
    }

    /** The Monday of the week holding {@code day}. */
    static LocalDate weekStart(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    static void requireVersion(String version) {
        if (!SemVer.isValid(version)) {
            throw new ApiException(ProblemCode.INVALID_VERSION, "'" + version + "' is not a valid SemVer version");
        }
    }

    private static ApiException notFound(CourseKey key) {
        return ApiException.notFound("course " + key.name() + " not found");
    }
}
