package io.progy.orchestrator.storage;

/** The blob store failed (disk, network, permissions); callers answer STORAGE_FAILED. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
