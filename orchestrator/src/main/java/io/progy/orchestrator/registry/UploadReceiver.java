package io.progy.orchestrator.registry;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpData;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.progy.format.Sha256;
import io.progy.orchestrator.config.ProgyProperties;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.ProblemCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Receives the {@code file} part of a multipart upload into a temporary file under the data dir, in two
 * steps that never hold the artifact in memory: the request body is streamed to disk as it arrives
 * (stopping with 413 TOO_LARGE as soon as it passes the limit), then the part is cut out of it on
 * {@code boundedElastic} by Netty's multipart decoder, and hashed. Parsing from a finished file rather than
 * from the live stream keeps the request's demand handling to a plain file write.
 */
@Component
class UploadReceiver {

    static final String PART_NAME = "file";
    /** Room for multipart boundaries and part headers around the artifact. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;
    /** A publish sends one part; a few more (a client's extra fields) are tolerated, not thousands. */
    private static final int MAX_PARTS = 8;

    private static final int CHUNK = 64 * 1024;

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
        if (contentType == null
                || !MediaType.MULTIPART_FORM_DATA.isCompatibleWith(contentType)
                || contentType.getParameter("boundary") == null) {
            return Mono.error(ApiException.invalidRequest(
                    PART_NAME, "send the .progy as multipart/form-data with a part named 'file'"));
        }
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes + MULTIPART_OVERHEAD) {
            return Mono.error(tooLarge());
        }
        return Mono.fromCallable(() -> Files.createTempFile(uploadDir, "request-", ".body"))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(body -> DataBufferUtils.write(limited(request.getBody()), body)
                        .then(Mono.fromCallable(() -> extractFilePart(body, contentType.toString()))
                                .subscribeOn(Schedulers.boundedElastic()))
                        .doFinally(signal -> deleteQuietly(body)));
    }

    private Flux<DataBuffer> limited(Flux<DataBuffer> body) {
        AtomicLong size = new AtomicLong();
        long limit = maxBytes + MULTIPART_OVERHEAD;
        return body.handle((buffer, sink) -> {
            if (size.addAndGet(buffer.readableByteCount()) > limit) {
                DataBufferUtils.release(buffer);
                sink.error(tooLarge());
                return;
            }
            sink.next(buffer);
        });
    }

    /** Cuts the {@code file} part out of a received body into its own temporary file (blocking). */
    private Upload extractFilePart(Path body, String contentType) throws IOException {
        var factory = new DefaultHttpDataFactory(CHUNK);
        factory.setBaseDir(uploadDir.toString());
        factory.setDeleteOnExit(false);
        var request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpPostMultipartRequestDecoder decoder;
        try {
            decoder = new HttpPostMultipartRequestDecoder(factory, request, StandardCharsets.UTF_8);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw malformed(e);
        }
        try {
            Path part = decode(decoder, body);
            long size = Files.size(part);
            if (size > maxBytes) {
                deleteQuietly(part);
                throw tooLarge();
            }
            return new Upload(part, Sha256.of(part), size);
        } finally {
            decoder.destroy();
        }
    }

    private Path decode(HttpPostMultipartRequestDecoder decoder, Path body) throws IOException {
        int parts = 0;
        Path found = null;
        try (var channel = FileChannel.open(body)) {
            while (true) {
                ByteBuf chunk = Unpooled.buffer(CHUNK);
                boolean last;
                try {
                    last = chunk.writeBytes(channel, CHUNK) < 0;
                    HttpContent content = last ? new DefaultLastHttpContent(chunk) : new DefaultHttpContent(chunk);
                    decoder.offer(content);
                } finally {
                    chunk.release();
                }
                while (hasNext(decoder)) {
                    InterfaceHttpData data = decoder.next();
                    if (++parts > MAX_PARTS) {
                        throw ApiException.invalidRequest(PART_NAME, "too many multipart parts; send only 'file'");
                    }
                    if (found == null && PART_NAME.equals(data.getName()) && data instanceof HttpData httpData) {
                        found = moveOut(decoder, httpData);
                    }
                }
                if (last) {
                    break;
                }
            }
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            if (found != null) {
                deleteQuietly(found);
            }
            throw malformed(e);
        }
        if (found == null) {
            throw ApiException.invalidRequest(PART_NAME, "multipart part 'file' is required");
        }
        return found;
    }

    private static boolean hasNext(HttpPostMultipartRequestDecoder decoder) {
        try {
            return decoder.hasNext();
        } catch (HttpPostRequestDecoder.EndOfDataDecoderException e) {
            return false;
        }
    }

    /** Takes a decoded part's bytes into a file of our own, out of the decoder's clean-up. */
    private Path moveOut(HttpPostMultipartRequestDecoder decoder, HttpData data) throws IOException {
        Path target = Files.createTempFile(uploadDir, "upload-", ".progy");
        try {
            if (data.isInMemory()) {
                Files.write(target, data.get());
            } else {
                decoder.removeHttpDataFromClean(data);
                Files.move(data.getFile().toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    private static ApiException malformed(Exception e) {
        return new ApiException(ProblemCode.INVALID_REQUEST, "malformed multipart body: " + e.getMessage());
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
