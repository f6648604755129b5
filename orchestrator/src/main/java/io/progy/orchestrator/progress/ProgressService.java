package io.progy.orchestrator.progress;

import io.progy.format.CourseName;
import io.progy.format.NaturalOrder;
import io.progy.orchestrator.auth.Caller;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.progress.ProgressApi.CourseActivity;
import io.progy.orchestrator.progress.ProgressApi.CourseProgress;
import io.progy.orchestrator.progress.ProgressApi.CourseStats;
import io.progy.orchestrator.progress.ProgressApi.ExerciseStats;
import io.progy.orchestrator.progress.ProgressRepository.ExerciseAggregate;
import io.progy.orchestrator.registry.CourseCatalog;
import io.progy.orchestrator.registry.CourseCatalog.PublishedCourse;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reading progress: a student's own rows, and a course owner's aggregate statistics. */
@Service
public class ProgressService {

    private static final Comparator<String> COURSE_ORDER = NaturalOrder.INSTANCE;

    private final ProgressRepository repository;
    private final CourseCatalog catalog;

    ProgressService(ProgressRepository repository, CourseCatalog catalog) {
        this.repository = repository;
        this.catalog = catalog;
    }

    /** The caller's own progress in the course (scope {@code progress}); nobody else's is reachable. */
    public Mono<CourseProgress> progress(Caller caller, CourseName course) {
        return Mono.defer(() -> {
            caller.require(Caller.SCOPE_PROGRESS);
            return published(course).flatMap(found -> repository
                    .progress(caller.userId(), found.id())
                    .sort(Comparator.comparing(ExerciseProgress::exercise, COURSE_ORDER))
                    .collectList()
                    .map(rows -> new CourseProgress(
                            course.toString(),
                            rows.size(),
                            (int) rows.stream()
                                    .filter(r -> r.status().equals(ExerciseProgress.PASSED))
                                    .count(),
                            rows)));
        });
    }

    /**
     * Aggregate statistics of the course, for its owner only (scope {@code read}): 404 when the course is not
     * published, 403 when the caller does not own it (the course itself is public, so saying it exists reveals
     * nothing).
     */
    public Mono<CourseStats> stats(Caller caller, CourseName course) {
        return Mono.defer(() -> {
            caller.require(Caller.SCOPE_READ);
            return published(course).flatMap(found -> {
                if (found.ownerId() != caller.userId()) {
                    return Mono.error(
                            ApiException.forbidden("only the owner of " + course + " can read its statistics"));
                }
                return Mono.zip(
                                repository.students(found.id()),
                                repository.aggregates(found.id()).collectList(),
                                repository.dropOffs(found.id()).collectMap(Map.Entry::getKey, Map.Entry::getValue))
                        .map(t -> new CourseStats(course.toString(), t.getT1(), exercises(t.getT2(), t.getT3())));
            });
        });
    }

    /** The courses the user has checked exercises of, most recently active first. */
    public Flux<CourseActivity> activity(long userId) {
        return repository.activity(userId);
    }

    private static List<ExerciseStats> exercises(List<ExerciseAggregate> aggregates, Map<String, Long> dropOffs) {
        return aggregates.stream()
                .sorted(Comparator.comparing(ExerciseAggregate::exercise, COURSE_ORDER))
                .map(a -> new ExerciseStats(
                        a.exercise(),
                        a.started(),
                        a.passed(),
                        a.medianAttempts(),
                        a.medianSecondsToPass() == null ? null : Math.round(a.medianSecondsToPass() * 1000),
                        dropOffs.getOrDefault(a.exercise(), 0L)))
                .toList();
    }

    private Mono<PublishedCourse> published(CourseName course) {
        return catalog.find(course)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("course " + course + " not found")));
    }
}
