package io.progy.orchestrator.storage;

/** The outcome of {@link BlobStore#putIfAbsent}. */
public sealed interface PutResult {

    /** The blob was written by this call. */
    record Created() implements PutResult {}

    /** The key already held a blob; nothing was written. */
    record AlreadyExists() implements PutResult {}
}
