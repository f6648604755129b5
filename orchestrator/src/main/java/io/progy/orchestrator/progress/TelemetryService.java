package io.progy.orchestrator.progress;

import com.fasterxml.jackson.databind.JsonNode;
import io.progy.format.CourseName;
import io.progy.orchestrator.auth.Caller;
import io.progy.orchestrator.config.Sql;
import io.progy.orchestrator.progress.ExerciseProgress.Check;
import io.progy.orchestrator.progress.ProgressApi.RejectedEvent;
import io.progy.orchestrator.progress.ProgressApi.TelemetryResult;
import io.progy.orchestrator.progress.ProgressRepository.StoredCheck;
import io.progy.orchestrator.registry.CourseCatalog;
import io.progy.orchestrator.registry.CourseCatalog.PublishedCourse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Stores batches of check events and keeps {@code exercise_progress} in step with them.
 *
 * <p>A batch is validated as a whole first ({@link TelemetryBatch}: 400 for any malformed event). Each event is
 * then checked against the registry and the clock: an event for a course or version that is not published, or
 * dated outside [now − max age, now + max clock skew], is rejected on its own and reported, the others are
 * stored. Storing happens in one transaction that first locks the user's row, so one user's batches never
 * interleave: events whose id the user already sent are counted as duplicates and skipped (a replayed batch
 * changes nothing), the new ones are inserted, and the progress row of every exercise they touch is recomputed
 * from all of that exercise's events, so late or out-of-order events still give the right first pass.
 */
@Service
class TelemetryService {

    static final String UNKNOWN_COURSE = "UNKNOWN_COURSE";
    static final String UNKNOWN_VERSION = "UNKNOWN_VERSION";
    static final String CLOCK_SKEW = "CLOCK_SKEW";
    static final String TOO_OLD = "TOO_OLD";

    /** An event that passed every check, with the package it belongs to. */
    private record Candidate(CheckEvent event, long packageId) {}

    private record Stored(int accepted, int duplicates) {}

    private final ProgressRepository repository;
    private final CourseCatalog catalog;
    private final TransactionalOperator transactions;
    private final ProgressProperties properties;

    TelemetryService(
            ProgressRepository repository,
            CourseCatalog catalog,
            TransactionalOperator transactions,
            ProgressProperties properties) {
        this.repository = repository;
        this.catalog = catalog;
        this.transactions = transactions;
        this.properties = properties;
    }

    Mono<TelemetryResult> record(Caller caller, JsonNode body) {
        return Mono.defer(() -> {
            caller.require(Caller.SCOPE_PROGRESS);
            List<CheckEvent> events = TelemetryBatch.parse(body, properties.maxBatchEvents());
            Instant now = Instant.now();
            Set<CourseName> names = events.stream().map(CheckEvent::course).collect(Collectors.toSet());
            return Flux.fromIterable(names)
                    .flatMap(catalog::find)
                    .collectMap(PublishedCourse::name)
                    .flatMap(courses -> {
                        List<RejectedEvent> rejected = new ArrayList<>();
                        List<Candidate> candidates = new ArrayList<>();
                        for (CheckEvent event : events) {
                            PublishedCourse course = courses.get(event.course());
                            RejectedEvent refusal = refusal(event, course, now);
                            if (refusal != null) {
                                rejected.add(refusal);
                            } else {
                                candidates.add(new Candidate(event, course.id()));
                            }
                        }
                        if (candidates.isEmpty()) {
                            return Mono.just(new TelemetryResult(0, 0, rejected));
                        }
                        // Started on boundedElastic: with the embedded database a batch waiting for the
                        // student's row lock blocks its thread, which must not be an event loop.
                        return transactions
                                .transactional(store(caller.userId(), candidates, Sql.timestamp(now)))
                                .subscribeOn(Schedulers.boundedElastic())
                                .map(stored -> new TelemetryResult(
                                        stored.accepted(), stored.duplicates(), List.copyOf(rejected)));
                    });
        });
    }

    private RejectedEvent refusal(CheckEvent event, PublishedCourse course, Instant now) {
        if (course == null) {
            return new RejectedEvent(
                    event.eventId(), UNKNOWN_COURSE, "no course " + event.course() + " is published here");
        }
        if (!course.versions().contains(event.version())) {
            return new RejectedEvent(
                    event.eventId(),
                    UNKNOWN_VERSION,
                    event.course() + "@" + event.version() + " is not a published version");
        }
        if (event.occurredAt().isAfter(now.plus(properties.maxClockSkew()))) {
            return new RejectedEvent(
                    event.eventId(),
                    CLOCK_SKEW,
                    "occurred_at " + event.occurredAt() + " is in the future (server time " + now
                            + "): check the computer's clock");
        }
        if (event.occurredAt().isBefore(now.minus(properties.maxEventAge()))) {
            return new RejectedEvent(
                    event.eventId(),
                    TOO_OLD,
                    "occurred_at " + event.occurredAt() + " is more than "
                            + properties.maxEventAge().toDays() + " days ago");
        }
        return null;
    }

    private Mono<Stored> store(long userId, List<Candidate> candidates, OffsetDateTime receivedAt) {
        Set<String> ids = candidates.stream().map(c -> c.event().eventId()).collect(Collectors.toSet());
        return repository
                .lockUser(userId)
                .then(repository.storedEventIds(userId, ids).collect(Collectors.toSet()))
                .flatMap(known -> {
                    Map<String, Candidate> fresh = new LinkedHashMap<>();
                    int duplicates = 0;
                    for (Candidate candidate : candidates) {
                        String id = candidate.event().eventId();
                        if (known.contains(id) || fresh.putIfAbsent(id, candidate) != null) {
                            duplicates++;
                        }
                    }
                    Stored stored = new Stored(fresh.size(), duplicates);
                    Map<Long, Set<String>> touched = new TreeMap<>();
                    fresh.values().forEach(c -> touched.computeIfAbsent(c.packageId(), k -> new TreeSet<>())
                            .add(c.event().exercise()));
                    return Flux.fromIterable(fresh.values())
                            .concatMap(c -> repository.insertEvent(userId, c.packageId(), c.event(), receivedAt))
                            .thenMany(Flux.fromIterable(touched.entrySet()))
                            .concatMap(entry -> recompute(userId, entry.getKey(), entry.getValue()))
                            .then(Mono.just(stored));
                });
    }

    /** Rewrites the user's progress rows of {@code exercises} from all their stored checks. */
    private Mono<Void> recompute(long userId, long packageId, Set<String> exercises) {
        return repository
                .checks(userId, packageId, exercises)
                .collect(Collectors.groupingBy(
                        StoredCheck::exercise,
                        LinkedHashMap::new,
                        Collectors.mapping(StoredCheck::check, Collectors.<Check>toList())))
                .flatMapMany(byExercise -> Flux.fromIterable(byExercise.entrySet()))
                .concatMap(entry -> repository.saveProgress(
                        userId, packageId, ExerciseProgress.of(entry.getKey(), entry.getValue())))
                .then();
    }
}
