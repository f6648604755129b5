package io.progy.cli.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckQueueTest {
    @TempDir
    Path home;

    static QueuedCheck check(String exercise) {
        return new QueuedCheck(
                UUID.randomUUID().toString(),
                "http://127.0.0.1:8080",
                "@ada/intro",
                "1.0.0",
                exercise,
                QueuedCheck.FAILED,
                42,
                "2026-01-15T09:30:00.123Z");
    }

    @Test
    void appendsReadsAndRemovesInOrder() throws IOException {
        var queue = new CheckQueue(home);
        assertThat(queue.isEmpty()).isTrue();
        var first = check("01_a/01_b");
        var second = check("01_a/02_c");
        var third = check("01_a/03_d");
        queue.append(first);
        queue.append(second);
        queue.append(third);
        assertThat(queue.read()).containsExactly(first, second, third);

        queue.remove(Set.of(first.eventId(), third.eventId()));
        assertThat(queue.read()).containsExactly(second);
        queue.remove(Set.of(second.eventId()));
        assertThat(queue.file()).doesNotExist();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void aLineACrashLeftUnfinishedCostsOnlyThatLine() throws IOException {
        var queue = new CheckQueue(home);
        var kept = check("01_a/01_b");
        queue.append(kept);
        Files.writeString(queue.file(), "{\"event_id\": \"12", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        var next = check("01_a/02_c");
        queue.append(next);
        assertThat(queue.read()).containsExactly(kept, next);
        assertThat(queue.size()).isEqualTo(3);

        queue.remove(Set.of());
        assertThat(queue.size())
                .as("the damaged line is dropped at the next rewrite")
                .isEqualTo(2);
    }

    @Test
    void staysBoundedByDroppingTheOldest() throws IOException {
        long bound = 16 * 1024;
        var queue = new CheckQueue(home, bound);
        var all = new ArrayList<QueuedCheck>();
        for (int i = 0; i < 200; i++) { // about 40 KiB of checks
            var check = check("01_a/01_b");
            queue.append(check);
            all.add(check);
            assertThat(Files.size(queue.file())).isLessThanOrEqualTo(bound);
        }
        var left = queue.read();
        assertThat(left).isNotEmpty().hasSizeLessThan(all.size());
        assertThat(left).containsExactlyElementsOf(all.subList(all.size() - left.size(), all.size()));
    }

    @Test
    void concurrentAppendsLoseNothing() throws Exception {
        var queue = new CheckQueue(home);
        var pool = Executors.newFixedThreadPool(4);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        queue.append(check("01_a/01_b"));
                    }
                    return null;
                }));
            }
            for (var future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(queue.read()).hasSize(200);
        assertThat(queue.size()).isEqualTo(200);
    }

    @Test
    void offIsAnyValueButOn() {
        assertThat(Telemetry.envAllows(null)).isTrue();
        for (var on : new String[] {"", "on", "ON", "1", "true", "yes"}) {
            assertThat(Telemetry.envAllows(on)).as(on).isTrue();
        }
        for (var off : new String[] {"off", "0", "false", "no", "of", "disabled"}) {
            assertThat(Telemetry.envAllows(off)).as(off).isFalse();
        }
    }
}
