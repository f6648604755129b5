package io.progy.orchestrator.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.progy.format.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

class LocalBlobStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY = "packages/@ann/intro/1.0.0.progy";

    @TempDir
    Path root;

    @TempDir
    Path uploads;

    @Test
    void storesOnceAndNeverOverwrites() throws Exception {
        var store = new LocalBlobStore(root.resolve("blobs"));
        Path first = write("first.bin", "first bytes");
        Path second = write("second.bin", "second bytes");

        assertThat(store.putIfAbsent(KEY, first, Sha256.of(first)).block(WAIT)).isInstanceOf(PutResult.Created.class);
        assertThat(store.putIfAbsent(KEY, second, Sha256.of(second)).block(WAIT))
                .isInstanceOf(PutResult.AlreadyExists.class);

        var content = (BlobContent.LocalFile) store.open(KEY).block(WAIT);
        assertThat(Files.readString(content.path())).isEqualTo("first bytes");
        assertThat(content.size()).isEqualTo("first bytes".length());
        assertThat(store.size(KEY).block(WAIT)).isEqualTo("first bytes".length());
        assertThat(store.sha256(KEY).block(WAIT)).isEqualTo(Sha256.of(first));
        assertThat(store.exists(KEY).block(WAIT)).isTrue();
    }

    @Test
    void concurrentPutsOfOneKeyCreateItExactlyOnce() throws Exception {
        var store = new LocalBlobStore(root.resolve("blobs"));
        List<Path> files = IntStream.range(0, 32)
                .mapToObj(i -> write("upload-" + i + ".bin", "content " + i))
                .toList();

        List<PutResult> results = Flux.fromIterable(files)
                .flatMap(file -> store.putIfAbsent(KEY, file, "unused").subscribeOn(Schedulers.parallel()), 32)
                .collectList()
                .block(WAIT);

        assertThat(results).filteredOn(r -> r instanceof PutResult.Created).hasSize(1);
        assertThat(results)
                .filteredOn(r -> r instanceof PutResult.AlreadyExists)
                .hasSize(31);
        String stored =
                Files.readString(((BlobContent.LocalFile) store.open(KEY).block(WAIT)).path());
        assertThat(stored).startsWith("content ");
        try (var leftovers = Files.walk(root.resolve("blobs"))) {
            assertThat(leftovers.filter(p -> p.getFileName().toString().endsWith(".tmp")))
                    .isEmpty();
        }
    }

    @Test
    void missingKeysAreEmptyAndDeleteIsIdempotent() throws Exception {
        var store = new LocalBlobStore(root.resolve("blobs"));
        assertThat(store.open(KEY).blockOptional(WAIT)).isEmpty();
        assertThat(store.size(KEY).blockOptional(WAIT)).isEmpty();
        assertThat(store.sha256(KEY).blockOptional(WAIT)).isEmpty();
        assertThat(store.exists(KEY).block(WAIT)).isFalse();
        store.delete(KEY).block(WAIT);

        Path file = write("x.bin", "x");
        store.putIfAbsent(KEY, file, Sha256.of(file)).block(WAIT);
        store.delete(KEY).block(WAIT);
        assertThat(store.exists(KEY).block(WAIT)).isFalse();
    }

    @Test
    void keysCannotLeaveTheRoot() {
        var store = new LocalBlobStore(root.resolve("blobs"));
        for (String key : List.of("../escape", "/abs/path", "a/../../b", "a\\b", "a//b", "", "dir/", "a/.hidden")) {
            assertThatThrownBy(() -> store.resolve(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(store.resolve(KEY).startsWith(root.resolve("blobs"))).isTrue();
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(uploads.resolve(name), content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
