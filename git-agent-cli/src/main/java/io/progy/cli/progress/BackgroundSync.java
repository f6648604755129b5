package io.progy.cli.progress;

import io.progy.cli.CliContext;
import io.progy.cli.CliException;
import io.progy.cli.Output;
import io.progy.format.Exercise;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Git work off the command's own thread: {@link #uploadWithin} for {@code progy test}, and for {@code progy watch},
 * on one background thread so the next check never waits for it: the commit of
 * each first pass and its upload, an upload every {@code interval} while commits wait to go up, and a last sync
 * when watching stops — bounded, so stopping never hangs on a slow or absent server. The thread is a daemon, and
 * every operation holds the working copy's lock, so a {@code progy save} in another terminal simply takes turns.
 */
public final class BackgroundSync {
    /** How often watch uploads waiting commits, unless {@code PROGY_SYNC_INTERVAL} (seconds) says otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(2);
    /** How long stopping waits for the last sync. */
    public static final Duration EXIT_BOUND = Duration.ofSeconds(10);

    private final ProgressRepo repo;
    private final Output out;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private String lastProblem;

    private BackgroundSync(ProgressRepo repo, Output out) {
        this.repo = repo;
        this.out = out;
        this.executor = Executors.newSingleThreadScheduledExecutor(BackgroundSync::daemon);
    }

    /** The upload interval: {@code PROGY_SYNC_INTERVAL} seconds, else {@link #DEFAULT_INTERVAL}. */
    public static Duration interval(CliContext context) {
        return context.env("PROGY_SYNC_INTERVAL")
                .map(text -> {
                    try {
                        return Duration.ofSeconds(Math.max(1, Long.parseLong(text)));
                    } catch (NumberFormatException e) {
                        throw CliException.usage("PROGY_SYNC_INTERVAL must be a number of seconds, not '" + text + "'");
                    }
                })
                .orElse(DEFAULT_INTERVAL);
    }

    /** Starts the periodic upload; the repository is closed by {@link #stop}. */
    public static BackgroundSync start(ProgressRepo repo, Output out, Duration interval) {
        var sync = new BackgroundSync(repo, out);
        sync.executor.scheduleWithFixedDelay(
                sync::uploadIfWaiting, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return sync;
    }

    /**
     * Uploads on a daemon thread and waits at most {@code bound}: empty when the upload has not finished by then (it
     * goes on while the process lives; a push cut short changes nothing on the server). The repository is closed
     * when the upload ends.
     */
    public static Optional<SyncResult> uploadWithin(ProgressRepo repo, Duration bound) throws Exception {
        var executor = Executors.newSingleThreadExecutor(BackgroundSync::daemon);
        try {
            var upload = executor.submit(() -> {
                try (repo) {
                    return repo.upload();
                }
            });
            return Optional.of(upload.get(bound.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            executor.shutdown();
        }
    }

    private static Thread daemon(Runnable task) {
        var thread = new Thread(task, "progy-sync");
        thread.setDaemon(true);
        return thread;
    }

    /** Commits the first pass of {@code exercise} and uploads it, in the background. */
    public void passed(Exercise exercise) {
        Objects.requireNonNull(exercise, "exercise");
        run(() -> {
            repo.commitPassed(exercise);
            report(repo.upload());
        });
    }

    /**
     * Stops, once: a last sync (pending work committed, then uploaded), waited for at most {@code bound}, then the
     * repository is closed. Past the bound the work is committed locally or still being committed, on a daemon
     * thread that does not keep the process alive; nothing is lost and `progy sync` finishes the upload.
     *
     * @return the last sync's result; empty when it did not finish in time or this was stopped before
     */
    public Optional<SyncResult> stop(Duration bound) {
        if (!stopped.compareAndSet(false, true)) {
            return Optional.empty();
        }
        var last = new java.util.concurrent.atomic.AtomicReference<SyncResult>();
        run(() -> {
            last.set(repo.sync());
            report(last.get());
        });
        executor.shutdown(); // cancels the periodic upload; the last sync still runs
        try {
            if (executor.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                repo.close();
                return Optional.ofNullable(last.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        out.warn("stopped waiting for the upload after " + bound.toSeconds() + " s; `progy sync` uploads your work.");
        return Optional.empty();
    }

    private void uploadIfWaiting() {
        attempt(() -> {
            if (repo.unpushedCount() > 0) {
                report(repo.upload());
            }
        });
    }

    private interface GitWork {
        void run() throws Exception;
    }

    private void run(GitWork work) {
        try {
            executor.execute(() -> attempt(work));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopped meanwhile: the last sync takes the work
        }
    }

    private void attempt(GitWork work) {
        try {
            work.run();
        } catch (Exception e) {
            out.warn("could not save your progress in Git: " + e.getMessage());
        }
    }

    /**
     * Says what happened; a problem that persists (offline for an hour) is said once, not every two minutes. Passes
     * received from other devices are not recorded here: watch keeps its own progress, and they count from the next
     * {@code progy status}, sync or init on.
     */
    private void report(SyncResult result) {
        var problem = SyncReport.reason(result);
        if (problem == null) {
            lastProblem = null;
            if (!(result instanceof SyncResult.UpToDate)) {
                SyncReport.note(out, result);
            }
        } else if (!problem.equals(lastProblem)) {
            lastProblem = problem;
            SyncReport.note(out, result);
        }
    }
}
