package io.progy.orchestrator.git;

import io.progy.format.CourseName;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.ProblemCode;
import io.progy.orchestrator.git.GitRepository.RepoRow;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * What the hosted providers (Gitea, GitHub) share: their blocking vendor clients run on {@code boundedElastic};
 * idempotent steps are retried with backoff while the host is unreachable or overloaded; and a recorded repository
 * is created at the host at most once at a time in this process, with exactly one caller (across nodes too) told
 * that it created it.
 */
public final class HostedProvisioning {

    private final String host;
    private final GitRepository repos;
    private final Predicate<Throwable> isTransient;
    private final RetryBackoffSpec retry;
    private final Map<Long, Mono<RepoRef>> inFlight = new ConcurrentHashMap<>();

    /**
     * @param host the host's name as problems mention it, e.g. {@code Gitea}
     * @param isTransient which failures of the host's client are worth retrying
     */
    public HostedProvisioning(
            String host, GitRepository repos, GitProperties properties, Predicate<Throwable> isTransient) {
        this.host = host;
        this.repos = repos;
        this.isTransient = isTransient;
        this.retry = Retry.backoff(properties.hostRetries(), properties.hostRetryBackoff())
                .filter(isTransient)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    /** Runs a blocking host call on {@code boundedElastic}, once. */
    public <T> Mono<T> once(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }

    /** Runs a blocking host call that is safe to repeat, retrying it while the host is unavailable. */
    public <T> Mono<T> idempotent(Callable<T> call) {
        return retrying(once(call));
    }

    /** Retries a whole step that is safe to repeat, made of several calls, while the host is unavailable. */
    public <T> Mono<T> retrying(Mono<T> step) {
        return step.retryWhen(retry);
    }

    /**
     * The problem a failure of the host's client answers: 503 {@code GIT_HOST_UNAVAILABLE} when trying again later
     * may work, else 502 {@code GIT_HOST_FAILED}. The detail stays generic; the cause goes to the server log.
     */
    public ApiException problem(Throwable failure) {
        if (isTransient.test(failure)) {
            return new ApiException(
                    ProblemCode.GIT_HOST_UNAVAILABLE,
                    "the git host (" + host + ") is unavailable; try again in a moment",
                    failure);
        }
        return new ApiException(
                ProblemCode.GIT_HOST_FAILED, "the git host (" + host + ") refused the operation", failure);
    }

    /**
     * The recorded repository, created at the host unless that is done. Concurrent callers in this process share one
     * creation, and only the caller whose clone URL gets recorded is told {@link RepoRef#created()}.
     *
     * @param createAtHost creates the repository at the host, or finds it there, and answers its clone URL; it must
     *     be safe to repeat (it is retried, and other nodes may run it at the same time)
     */
    public Mono<RepoRef> ensure(RepoRow row, CourseName course, Function<RepoRow, Mono<URI>> createAtHost) {
        if (row.cloneUrl() != null) {
            return Mono.just(ref(course, row, false));
        }
        return Mono.defer(() -> {
            AtomicBoolean started = new AtomicBoolean();
            Mono<RepoRef> shared = inFlight.computeIfAbsent(row.id(), id -> {
                started.set(true);
                return provision(row, course, createAtHost)
                        .doFinally(signal -> inFlight.remove(id))
                        .cache();
            });
            return started.get() ? shared : shared.map(ref -> ref.created() ? notCreated(ref) : ref);
        });
    }

    private Mono<RepoRef> provision(RepoRow row, CourseName course, Function<RepoRow, Mono<URI>> createAtHost) {
        return repos.find(row.userId(), course).flatMap(fresh -> {
            if (fresh.cloneUrl() != null) { // finished meanwhile, here or on another node
                return Mono.just(ref(course, fresh, false));
            }
            return retrying(createAtHost.apply(row)).flatMap(url -> repos.recordCloneUrl(row.id(), url.toString())
                    .flatMap(recorded -> recorded
                            ? Mono.just(new RepoRef(course, row.name(), url, true))
                            : repos.find(row.userId(), course).map(done -> ref(course, done, false))));
        });
    }

    private static RepoRef ref(CourseName course, RepoRow row, boolean created) {
        return new RepoRef(course, row.name(), URI.create(row.cloneUrl()), created);
    }

    private static RepoRef notCreated(RepoRef ref) {
        return new RepoRef(ref.course(), ref.name(), ref.url(), false);
    }
}
