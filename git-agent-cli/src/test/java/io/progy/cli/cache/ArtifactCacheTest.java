package io.progy.cli.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.format.CourseName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactCacheTest {
    static final CourseName COURSE = CourseName.parse("@demo/hello");

    @TempDir
    Path root;

    ArtifactCache cache;

    @BeforeEach
    void create() {
        cache = new ArtifactCache(root, 2_500);
    }

    /** Stores a 1000-byte artifact and dates its last use {@code minutesAgo} minutes back. */
    Path put(String version, int minutesAgo) throws IOException {
        var temp = cache.newTempFile();
        Files.write(temp, new byte[1000]);
        var path = cache.store(COURSE, version, temp);
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minusSeconds(60L * minutesAgo)));
        return path;
    }

    @Test
    void storesUnderScopeSlugAndVersion() throws IOException {
        var path = put("1.0.0", 0);
        assertThat(path).isEqualTo(root.resolve("@demo/hello/1.0.0.progy"));
        assertThat(cache.find(COURSE, "1.0.0")).contains(path);
        assertThat(cache.versions(COURSE)).containsExactly("1.0.0");
    }

    @Test
    void prunesTheLeastRecentlyUsedArtifactsAboveTheLimit() throws IOException {
        put("1.0.0", 30);
        put("1.1.0", 20);
        // Using 1.0.0 again makes 1.1.0 the least recently used one.
        cache.touch(cache.pathOf(COURSE, "1.0.0"));
        var temp = cache.newTempFile();
        Files.write(temp, new byte[1000]);
        cache.store(COURSE, "2.0.0", temp); // 3000 bytes > 2500: one must go

        assertThat(cache.versions(COURSE)).containsExactly("1.0.0", "2.0.0");
        assertThat(cache.entries().stream().mapToLong(ArtifactCache.Entry::size).sum())
                .isLessThanOrEqualTo(2_500);
    }

    @Test
    void neverPrunesTheArtifactJustStoredEvenWhenItAloneExceedsTheLimit() throws IOException {
        var small = new ArtifactCache(root, 10);
        put("1.0.0", 5);
        var temp = small.newTempFile();
        Files.write(temp, new byte[1000]);
        var kept = small.store(COURSE, "1.1.0", temp);
        assertThat(kept).exists();
        assertThat(small.versions(COURSE)).containsExactly("1.1.0");
    }

    @Test
    void listsEntriesInNameAndVersionOrderAndIgnoresTemporaryFiles() throws IOException {
        put("1.10.0", 1);
        put("1.2.0", 2);
        cache.newTempFile(); // an interrupted download
        var entries = cache.entries();
        assertThat(entries).extracting(ArtifactCache.Entry::version).containsExactly("1.2.0", "1.10.0");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.name()).isEqualTo("@demo/hello");
            assertThat(e.size()).isEqualTo(1000);
        });
    }

    @Test
    void cleanEmptiesTheCache() throws IOException {
        put("1.0.0", 1);
        put("1.1.0", 1);
        var removal = cache.clean();
        assertThat(removal.artifacts()).isEqualTo(2);
        assertThat(removal.bytes()).isEqualTo(2000);
        assertThat(cache.entries()).isEmpty();
        try (var left = Files.list(root)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void removingTheLastVersionRemovesTheEmptyDirectories() throws IOException {
        var path = put("1.0.0", 1);
        cache.remove(path);
        assertThat(root.resolve("@demo")).doesNotExist();
    }
}
