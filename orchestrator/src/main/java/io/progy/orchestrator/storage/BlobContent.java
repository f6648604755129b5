package io.progy.orchestrator.storage;

import java.nio.file.Path;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;

/** A blob opened for reading: a local file (served zero-copy) or a stream from a remote store. */
public sealed interface BlobContent {

    long size();

    /** A file on the local disk; the web layer hands it to Netty's sendfile. */
    record LocalFile(Path path, long size) implements BlobContent {}

    /** Bytes streamed from elsewhere, read on {@code boundedElastic}; subscribe exactly once. */
    record Streamed(long size, Flux<DataBuffer> content) implements BlobContent {}
}
