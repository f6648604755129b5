package io.progy.orchestrator.registry;

import io.progy.orchestrator.config.DatabaseSettings;
import io.progy.orchestrator.config.ProgyProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start-up, removes what a previous process left half-done: publishes still 'pending' (with their
 * blob) and upload temp files. With the embedded H2 file this process is the only one using the data,
 * so every leftover is stale; on a shared PostgreSQL only leftovers older than
 * {@code progy.registry.stale-pending-after} are, since another node may be publishing right now.
 */
@Component
@Order(10)
class AbandonedPublishSweeper implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AbandonedPublishSweeper.class);

    private final PublishService publisher;
    private final UploadReceiver uploads;
    private final Duration staleAfter;

    AbandonedPublishSweeper(PublishService publisher, UploadReceiver uploads, ProgyProperties properties) {
        this.publisher = publisher;
        this.uploads = uploads;
        this.staleAfter = properties.database().kind() == DatabaseSettings.Kind.H2
                ? Duration.ZERO
                : properties.registry().stalePendingAfter();
    }

    @Override
    public void run(ApplicationArguments args) {
        Instant cutoff = Instant.now().minus(staleAfter);
        Long swept = publisher.sweepAbandoned(cutoff).block(Duration.ofMinutes(2)); // start-up, not a request
        if (swept != null && swept > 0) {
            log.info("removed {} abandoned publish(es)", swept);
        }
        deleteTempFilesOlderThan(uploads.uploadDir(), cutoff);
    }

    private static void deleteTempFilesOlderThan(Path dir, Instant cutoff) {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(file -> {
                        try {
                            return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .forEach(file -> {
                        try {
                            Files.deleteIfExists(file);
                        } catch (IOException e) {
                            log.debug("cannot delete {}: {}", file, e.toString());
                        }
                    });
        } catch (IOException e) {
            log.debug("cannot list {}: {}", dir, e.toString());
        }
    }
}
