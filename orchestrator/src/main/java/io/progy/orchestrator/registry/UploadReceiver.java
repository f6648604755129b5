package io.progy.orchestrator.registry;

import io.progy.format.Sha256;
import io.progy.orchestrator.config.ProgyProperties;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.ProblemCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.codec.multipart.PartEventHttpMessageReader;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Streams the {@code file} part of a multipart upload into a temporary file under the data dir,
 * computing its sha256 and size on the way and stopping with 413 TOO_LARGE as soon as it passes the
 * limit. The artifact is never held in memory whole; file writes are asynchronous.
 */
@Component
class UploadReceiver {

    static final String PART_NAME = "file";
    /** Room for multipart boundaries and part headers when judging a request by its Content-Length. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final PartEventHttpMessageReader reader = new PartEventHttpMessageReader();
    private final Path uploadDir;
    private final long maxBytes;

    UploadReceiver(ProgyProperties properties) {
        this.uploadDir = properties.tempDir().resolve("uploads");
        this.maxBytes = properties.maxArtifactSize().toBytes();
        try {
            Files.createDirectories(uploadDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload directory " + uploadDir, e);
        }
    }

    Path uploadDir() {
        return uploadDir;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** Receives the request's {@code file} part; errors with INVALID_REQUEST or TOO_LARGE. */
    Mono<Upload> receive(ServerHttpRequest request) {
        MediaType contentType = request.getHeaders().getContentType();
        if (contentType == null || !MediaType.MULTIPART_FORM_DATA.isCompatibleWith(contentType)) {
            return Mono.error(ApiException.invalidRequest(
                    PART_NAME, "send the .progy as multipart/form-data with a part named 'file'"));
        }
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes + MULTIPART_OVERHEAD) {
            return Mono.error(tooLarge());
        }
        Flux<PartEvent> events = reader.read(ResolvableType.forClass(PartEvent.class), request, Map.of());
        return events.windowUntil(PartEvent::isLast)
                .concatMap(part -> part.switchOnFirst((first, all) -> {
                    if (first.hasValue()
                            && first.get() instanceof FilePartEvent
                            && PART_NAME.equals(first.get().name())) {
                        return writeToTempFile(all.map(PartEvent::content)).flux();
                    }
                    return all.doOnNext(event -> DataBufferUtils.release(event.content()))
                            .thenMany(Flux.<Upload>empty());
                }))
                .collectList()
                .flatMap(this::single)
                .onErrorMap(
                        DecodingException.class,
                        e -> new ApiException(
                                ProblemCode.INVALID_REQUEST, "malformed multipart body: " + e.getMessage()));
    }

    private Mono<Upload> single(List<Upload> uploads) {
        if (uploads.isEmpty()) {
            return Mono.error(ApiException.invalidRequest(PART_NAME, "multipart part 'file' is required"));
        }
        uploads.stream().skip(1).forEach(extra -> deleteQuietly(extra.file()));
        return Mono.just(uploads.get(0));
    }

    private Mono<Upload> writeToTempFile(Flux<DataBuffer> content) {
        return Mono.fromCallable(() -> Files.createTempFile(uploadDir, "upload-", ".progy"))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(temp -> {
                    MessageDigest digest = Sha256.newDigest();
                    AtomicLong size = new AtomicLong();
                    Flux<DataBuffer> counted = content.handle((buffer, sink) -> {
                        if (size.addAndGet(buffer.readableByteCount()) > maxBytes) {
                            DataBufferUtils.release(buffer);
                            sink.error(tooLarge());
                            return;
                        }
                        try (var buffers = buffer.readableByteBuffers()) {
                            while (buffers.hasNext()) {
                                digest.update(buffers.next());
                            }
                        }
                        sink.next(buffer);
                    });
                    return DataBufferUtils.write(counted, temp)
                            .then(Mono.fromCallable(() -> new Upload(temp, Sha256.hex(digest.digest()), size.get())))
                            .doOnError(e -> deleteQuietly(temp))
                            .doOnCancel(() -> deleteQuietly(temp));
                });
    }

    private ApiException tooLarge() {
        return new ApiException(
                ProblemCode.TOO_LARGE,
                "artifact is larger than the "
                        + (maxBytes >= 1024 * 1024 ? maxBytes / (1024 * 1024) + " MB" : maxBytes + " byte") + " limit");
    }

    static void deleteQuietly(Path file) {
        Schedulers.boundedElastic().schedule(() -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is swept at the next start
            }
        });
    }
}
