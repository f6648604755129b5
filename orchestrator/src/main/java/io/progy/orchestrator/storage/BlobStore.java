package io.progy.orchestrator.storage;

import java.nio.file.Path;
import reactor.core.publisher.Mono;

/**
 * Where artifacts live: a write-once key/value store of files. Keys look like
 * {@code packages/@scope/slug/1.2.3.progy}. A key is never half-written (readers see the whole blob or
 * nothing) and never overwritten by {@link #putIfAbsent}. Implementations do their blocking I/O on
 * {@code boundedElastic}; every method is safe to call from an event loop.
 */
public interface BlobStore {

    /**
     * Stores {@code file} under {@code key} unless the key already exists.
     *
     * @param sha256 hex digest of the file, kept as metadata where the store supports it
     * @return {@link PutResult.Created} or {@link PutResult.AlreadyExists}; errors with
     *     {@link StorageException} when the store fails
     */
    Mono<PutResult> putIfAbsent(String key, Path file, String sha256);

    /** The blob's bytes, or empty when the key does not exist. */
    Mono<BlobContent> open(String key);

    /** The blob's size in bytes, or empty when the key does not exist. */
    Mono<Long> size(String key);

    Mono<Boolean> exists(String key);

    /** The sha256 recorded for (or computed from) the blob, or empty when unknown or missing. */
    Mono<String> sha256(String key);

    /** Deletes the key if present. Only for abandoned writes: published versions are never deleted. */
    Mono<Void> delete(String key);

    /** One line for the start-up log, e.g. {@code local /srv/progy/blobs}. */
    String describe();
}
