package io.progy.orchestrator.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.progy.format.ArchiveInfo;
import io.progy.format.CourseManifest;
import io.progy.format.CourseName;
import io.progy.format.InvalidArchiveException;
import io.progy.format.InvalidManifestException;
import io.progy.format.SafeUnpacker;
import io.progy.format.SemVer;
import io.progy.format.Sha256;
import io.progy.format.UnpackLimits;
import io.progy.orchestrator.auth.Caller;
import io.progy.orchestrator.config.Sql;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.FieldProblem;
import io.progy.orchestrator.error.ProblemCode;
import io.progy.orchestrator.registry.RegistryRecords.PublishResponse;
import io.progy.orchestrator.registry.RegistryRecords.VersionRow;
import io.progy.orchestrator.registry.RegistryRecords.YankResponse;
import io.progy.orchestrator.storage.BlobStore;
import io.progy.orchestrator.storage.PutResult;
import io.progy.orchestrator.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishing and yanking. A publish claims (package, version) with a 'pending' row (the unique
 * constraint picks exactly one winner among concurrent publishers), writes the blob with put-if-absent,
 * then marks the row 'ready'; readers only see ready rows, so no version is ever visible without its
 * bytes. If the blob cannot be written, the claim is removed and nothing is published.
 */
@Service
public class PublishService {

    private static final Logger log = LoggerFactory.getLogger(PublishService.class);
    private static final int MAX_DESCRIPTION = 2000;
    private static final int MAX_KEYWORDS_JSON = 1900;

    private final RegistryRepository repository;
    private final BlobStore blobStore;
    private final CourseCache cache;
    private final TransactionalOperator transactions;
    private final ObjectMapper json;

    PublishService(
            RegistryRepository repository,
            BlobStore blobStore,
            CourseCache cache,
            TransactionalOperator transactions,
            ObjectMapper json) {
        this.repository = repository;
        this.blobStore = blobStore;
        this.cache = cache;
        this.transactions = transactions;
        this.json = json;
    }

    /**
     * Publishes an archive already on disk (the sample courses) through the same path as an upload.
     * Hashes the file on {@code boundedElastic}; takes ownership of the file and deletes it when done.
     */
    public Mono<PublishResponse> publishArchive(Caller caller, Path archive) {
        return Mono.fromCallable(() -> new Upload(archive, Sha256.of(archive), Files.size(archive)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(upload -> publish(caller, upload));
    }

    /** Whether {@code version} of the course is published (ready), yanked or not. */
    public Mono<Boolean> isPublished(CourseName name, String version) {
        var key = CourseKey.of(name);
        return repository
                .findPackage(key)
                .flatMap(pkg ->
                        repository.readyVersions(pkg.id()).any(v -> v.version().equals(version)))
                .defaultIfEmpty(false);
    }

    /**
     * Publishes an uploaded archive as the caller. Inspects the zip on {@code boundedElastic}; deletes the
     * upload's temporary file when done, whatever the outcome.
     */
    Mono<PublishResponse> publish(Caller caller, Upload upload) {
        return Mono.defer(() -> {
                    caller.require(Caller.SCOPE_PUBLISH);
                    return inspect(upload);
                })
                .flatMap(info -> claimAndStore(caller, upload, info))
                .doFinally(signal -> UploadReceiver.deleteQuietly(upload.file()));
    }

    private Mono<ArchiveInfo> inspect(Upload upload) {
        return Mono.fromCallable(() -> SafeUnpacker.inspect(upload.file(), UnpackLimits.DEFAULT))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(InvalidManifestException.class, PublishService::invalidManifest)
                .onErrorMap(
                        InvalidArchiveException.class,
                        e -> new ApiException(
                                ProblemCode.INVALID_ARCHIVE,
                                e.entry() == null ? e.reason() : e.entry() + ": " + e.reason()))
                .onErrorMap(
                        e -> e instanceof IOException || e instanceof UncheckedIOException,
                        e -> new ApiException(ProblemCode.INVALID_ARCHIVE, "not a readable zip archive"));
    }

    private Mono<PublishResponse> claimAndStore(Caller caller, Upload upload, ArchiveInfo info) {
        CourseManifest manifest = info.manifest();
        CourseKey key = CourseKey.of(manifest.courseName());
        String version = manifest.version();
        if (!key.scope().equals(caller.username())) {
            return Mono.error(
                    ApiException.forbidden("you may publish only under @" + caller.username() + ", not " + key.name()));
        }
        return repository
                .findOrCreatePackage(key, caller.userId())
                .flatMap(pkg -> {
                    if (pkg.ownerId() != caller.userId()) {
                        return Mono.error(ApiException.forbidden(key.name() + " belongs to another user"));
                    }
                    return repository
                            .insertPending(
                                    pkg.id(),
                                    version,
                                    upload.sha256(),
                                    upload.size(),
                                    info.fileCount(),
                                    manifest.raw().toString(),
                                    caller.userId())
                            .onErrorMap(
                                    Sql::isConstraintViolation,
                                    e -> new ApiException(
                                            ProblemCode.VERSION_EXISTS,
                                            key.name() + "@" + version
                                                    + " already exists; published versions are immutable, so bump the version"))
                            .flatMap(versionId -> storeThenMarkReady(key, version, upload, versionId))
                            .flatMap(publishedAt ->
                                    refreshSummaryQuietly(key, pkg.id()).thenReturn(publishedAt));
                })
                .map(publishedAt -> new PublishResponse(
                        key.name(), version, upload.sha256(), upload.size(), info.fileCount(), publishedAt));
    }

    private Mono<Instant> storeThenMarkReady(CourseKey key, String version, Upload upload, long versionId) {
        String blobKey = key.blobKey(version);
        return storeBlob(blobKey, upload)
                .then(Mono.defer(() -> repository.markReady(versionId)))
                .onErrorResume(error -> repository
                        .deletePending(versionId)
                        .onErrorResume(e -> {
                            log.warn(
                                    "could not remove the pending row of {}@{}: {}", key.name(), version, e.toString());
                            return Mono.empty();
                        })
                        .then(Mono.error(storageFailure(key, version, error))));
    }

    /**
     * Writes the blob. The pending row makes this publisher the only writer of the key, so a blob already
     * there is an orphan of an earlier publish that failed before its row became ready: identical bytes are
     * adopted, different bytes are replaced.
     */
    private Mono<Void> storeBlob(String blobKey, Upload upload) {
        return blobStore.putIfAbsent(blobKey, upload.file(), upload.sha256()).flatMap(result -> {
            if (result instanceof PutResult.Created) {
                return Mono.<Void>empty();
            }
            return blobStore.sha256(blobKey).defaultIfEmpty("").flatMap(existing -> {
                if (existing.equals(upload.sha256())) {
                    log.info("adopting the orphaned blob {} (same sha256)", blobKey);
                    return Mono.<Void>empty();
                }
                log.warn("replacing the orphaned blob {} left by a failed publish", blobKey);
                return blobStore
                        .delete(blobKey)
                        .then(blobStore.putIfAbsent(blobKey, upload.file(), upload.sha256()))
                        .flatMap(retry -> retry instanceof PutResult.Created
                                ? Mono.<Void>empty()
                                : Mono.error(new StorageException("blob key " + blobKey + " stays occupied", null)));
            });
        });
    }

    private static Throwable storageFailure(CourseKey key, String version, Throwable error) {
        if (error instanceof ApiException) {
            return error;
        }
        if (error instanceof StorageException) {
            return new ApiException(
                    ProblemCode.STORAGE_FAILED,
                    "could not store " + key.name() + "@" + version + "; nothing was published, try again",
                    error);
        }
        return new ApiException(ProblemCode.INTERNAL, "publishing failed; nothing was published", error);
    }

    /** Sets or clears the yanked flag of a published version (owner only). */
    Mono<YankResponse> setYanked(Caller caller, CourseKey key, String version, boolean yanked) {
        return Mono.defer(() -> {
            caller.require(Caller.SCOPE_PUBLISH);
            RegistryQueries.requireVersion(version);
            return repository
                    .findPackage(key)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("course " + key.name() + " not found")))
                    .flatMap(pkg -> {
                        if (pkg.ownerId() != caller.userId()) {
                            return Mono.error(
                                    ApiException.forbidden("only the owner of " + key.name() + " may yank it"));
                        }
                        return repository
                                .setYanked(pkg.id(), version, yanked)
                                .flatMap(rows -> rows == 0
                                        ? Mono.error(ApiException.notFound(key.name() + "@" + version + " not found"))
                                        : refreshSummaryQuietly(key, pkg.id()));
                    })
                    .thenReturn(new YankResponse(key.name(), version, yanked));
        });
    }

    /**
     * Recomputes a package's summary (latest version, description, keywords) from its ready versions,
     * under a row lock so concurrent publishes cannot leave an older summary behind; then drops the
     * course from the cache.
     */
    private Mono<Void> refreshSummaryQuietly(CourseKey key, long packageId) {
        Mono<Void> refresh = repository
                .lockPackage(packageId)
                .thenMany(repository.readyVersions(packageId))
                .collectList()
                .flatMap(rows -> summarise(packageId, rows));
        // Invalidate before completing, so the caller's answer is sent only once readers see the change.
        // Started on boundedElastic: with the embedded database a wait for the row lock blocks its thread.
        return transactions
                .transactional(refresh)
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(e -> {
                    log.warn("could not refresh the summary of {}: {}", key.name(), e.toString());
                    return Mono.empty();
                })
                .then(Mono.fromRunnable(() -> cache.invalidate(key)));
    }

    private Mono<Void> summarise(long packageId, List<VersionRow> rows) {
        if (rows.isEmpty()) {
            return repository.updateSummary(packageId, null, null, null);
        }
        Set<String> versions = rows.stream().map(VersionRow::version).collect(Collectors.toSet());
        Set<String> yanked = rows.stream()
                .filter(VersionRow::yanked)
                .map(VersionRow::version)
                .collect(Collectors.toSet());
        Optional<String> latest = SemVer.select(versions, "latest", yanked);
        String describedBy =
                latest.orElseGet(() -> versions.stream().max(SemVer.ORDER).orElseThrow());
        return repository.manifest(packageId, describedBy).flatMap(text -> {
            JsonNode manifest = readTree(text);
            String description = manifest.path("description").isTextual()
                    ? manifest.path("description").asText()
                    : null;
            if (description != null && description.length() > MAX_DESCRIPTION) {
                description = description.substring(0, MAX_DESCRIPTION);
            }
            return repository.updateSummary(packageId, latest.orElse(null), description, keywords(manifest));
        });
    }

    private List<String> keywords(JsonNode manifest) {
        List<String> keywords = new ArrayList<>();
        int length = 2;
        for (JsonNode node : manifest.path("keywords")) {
            if (node.isTextual()) {
                length += node.asText().length() + 4;
                if (length > MAX_KEYWORDS_JSON) {
                    break;
                }
                keywords.add(node.asText());
            }
        }
        return keywords;
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    /**
     * Removes publishes abandoned before {@code cutoff} (the process died between claim and ready): their
     * blob, if any, then their pending row.
     */
    Mono<Long> sweepAbandoned(Instant cutoff) {
        return repository
                .pendingCreatedBefore(cutoff)
                .concatMap(row -> {
                    var key = new CourseKey(row.scope(), row.slug());
                    return blobStore
                            .delete(key.blobKey(row.version()))
                            .onErrorResume(e -> Mono.empty())
                            .then(repository.deletePending(row.id()))
                            .doOnSuccess(
                                    v -> log.info("removed the abandoned publish of {}@{}", key.name(), row.version()))
                            .thenReturn(row);
                })
                .count();
    }

    private static ApiException invalidManifest(InvalidManifestException e) {
        List<FieldProblem> problems = e.problems().stream()
                .map(p -> new FieldProblem(p.field(), p.message()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        String detail = "course.json is invalid: "
                + problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
        return new ApiException(ProblemCode.INVALID_MANIFEST, detail, problems);
    }
}
