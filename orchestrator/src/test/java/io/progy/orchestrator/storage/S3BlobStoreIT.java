package io.progy.orchestrator.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.format.Sha256;
import io.progy.orchestrator.config.ProgyProperties;
import io.progy.orchestrator.testsupport.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

/** The S3 adapter against a real S3 API (s3proxy in-process). */
class S3BlobStoreIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    static S3ProxyServer s3;
    static S3BlobStore store;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start();
        store = new S3BlobStore(new ProgyProperties.S3(
                s3.endpoint(), "blob-it", "us-east-1", true, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, true));
        store.ensureBucket();
        store.ensureBucket(); // idempotent
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        s3.close();
    }

    @Test
    void putIfAbsentNeverOverwritesAndKeepsTheDigest() throws Exception {
        String key = "packages/@ann/intro/1.0.0.progy";
        Path first = Files.writeString(work.resolve("a"), "first bytes");
        Path second = Files.writeString(work.resolve("b"), "second bytes");

        assertThat(store.putIfAbsent(key, first, Sha256.of(first)).block(WAIT)).isInstanceOf(PutResult.Created.class);
        assertThat(store.putIfAbsent(key, second, Sha256.of(second)).block(WAIT))
                .isInstanceOf(PutResult.AlreadyExists.class);

        assertThat(read(key)).isEqualTo("first bytes");
        assertThat(store.size(key).block(WAIT)).isEqualTo(11L);
        assertThat(store.sha256(key).block(WAIT)).isEqualTo(Sha256.of(first));
        assertThat(store.exists(key).block(WAIT)).isTrue();
    }

    /**
     * s3proxy's in-memory store checks {@code If-None-Match} without a lock, so only real S3, R2 and MinIO
     * guarantee a single winner here (the registry relies on its database constraint for that); what any
     * store must guarantee is that the key ends up holding one whole upload, never a mix.
     */
    @Test
    void concurrentPutsLeaveOneWholeUpload() throws Exception {
        String key = "packages/@race/c/1.0.0.progy";
        List<Path> files = IntStream.range(0, 16)
                .mapToObj(i -> {
                    try {
                        return Files.writeString(work.resolve("f" + i), ("content " + i + " ").repeat(5000));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .toList();
        List<PutResult> results = Flux.fromIterable(files)
                .flatMap(file -> store.putIfAbsent(key, file, "x"), 16)
                .collectList()
                .block(WAIT);
        assertThat(results).filteredOn(r -> r instanceof PutResult.Created).isNotEmpty();
        String stored = read(key);
        assertThat(files).anySatisfy(file -> assertThat(stored).isEqualTo(Files.readString(file)));
        // Refused uploads must leave no dead connection in the pool: requests after them, as many as there were
        // uploads, all succeed (the client retries a request at most three times, so four dead connections in a
        // row would fail one; seen once in CI before conditional writes got a connection of their own).
        for (int i = 0; i < files.size(); i++) {
            assertThat(read(key)).isEqualTo(stored);
            assertThat(store.size(key).block(WAIT)).isEqualTo(stored.length());
        }
    }

    @Test
    void missingKeysAreEmptyAndDeleteWorks() throws Exception {
        String key = "packages/@ann/gone/1.0.0.progy";
        assertThat(store.open(key).blockOptional(WAIT)).isEmpty();
        assertThat(store.size(key).blockOptional(WAIT)).isEmpty();
        assertThat(store.exists(key).block(WAIT)).isFalse();

        Path file = Files.writeString(work.resolve("g"), "bytes");
        store.putIfAbsent(key, file, Sha256.of(file)).block(WAIT);
        store.delete(key).block(WAIT);
        assertThat(store.exists(key).block(WAIT)).isFalse();
        assertThat(store.putIfAbsent(key, file, Sha256.of(file)).block(WAIT)).isInstanceOf(PutResult.Created.class);
    }

    @Test
    void fallsBackToHeadThenPutWithoutConditionalWrites() throws Exception {
        var plain = new S3BlobStore(new ProgyProperties.S3(
                s3.endpoint(),
                "blob-it",
                "us-east-1",
                true,
                S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY,
                false));
        String key = "packages/@ann/plain/1.0.0.progy";
        Path file = Files.writeString(work.resolve("p"), "plain");
        assertThat(plain.putIfAbsent(key, file, Sha256.of(file)).block(WAIT)).isInstanceOf(PutResult.Created.class);
        assertThat(plain.putIfAbsent(key, file, Sha256.of(file)).block(WAIT))
                .isInstanceOf(PutResult.AlreadyExists.class);
        plain.close();
    }

    private static String read(String key) {
        var content = (BlobContent.Streamed) store.open(key).block(WAIT);
        return DataBufferUtils.join(content.content())
                .map(buffer -> {
                    String text = buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
                    DataBufferUtils.release(buffer);
                    return text;
                })
                .block(WAIT);
    }
}
