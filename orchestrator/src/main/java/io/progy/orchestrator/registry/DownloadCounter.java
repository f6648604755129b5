package io.progy.orchestrator.registry;

import io.progy.orchestrator.config.ProgyProperties;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Counts downloads in memory per version and UTC day, and adds them to {@code download_counts} every
 * few seconds (and at shutdown): a download costs an increment, not a database write.
 */
@Component
class DownloadCounter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DownloadCounter.class);

    record VersionDay(long versionId, LocalDate day) {}

    private final Map<VersionDay, LongAdder> pending = new ConcurrentHashMap<>();
    private final RegistryRepository repository;
    private final Duration interval;
    private volatile Disposable flusher;

    DownloadCounter(RegistryRepository repository, ProgyProperties properties) {
        this.repository = repository;
        this.interval = properties.registry().downloadFlushInterval();
    }

    void record(long versionId) {
        pending.computeIfAbsent(new VersionDay(versionId, LocalDate.now(ZoneOffset.UTC)), k -> new LongAdder())
                .increment();
    }

    /** Writes the counts gathered so far. A failed write keeps its count for the next flush. */
    Mono<Void> flush() {
        return Flux.fromIterable(pending.entrySet())
                .concatMap(entry -> {
                    long count = entry.getValue().sumThenReset();
                    VersionDay key = entry.getKey();
                    if (count == 0) {
                        if (key.day().isBefore(LocalDate.now(ZoneOffset.UTC))) {
                            pending.remove(key, entry.getValue());
                        }
                        return Mono.empty();
                    }
                    return repository
                            .addDownloads(key.versionId(), key.day(), count)
                            .onErrorResume(e -> {
                                entry.getValue().add(count);
                                log.warn("could not record {} downloads: {}", count, e.toString());
                                return Mono.empty();
                            });
                })
                .then();
    }

    @Override
    public void start() {
        flusher = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> flush(), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = flusher;
        if (running != null) {
            running.dispose();
        }
        flusher = null;
        flush().block(Duration.ofSeconds(10)); // shutdown path, not a request
    }

    @Override
    public boolean isRunning() {
        return flusher != null;
    }

    /** Stop before the connection pool closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }
}
