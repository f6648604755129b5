package io.progy.cli.init;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * A course package being downloaded and verified on a thread of its own while {@code progy init} provisions and
 * fetches the progress repository; {@link #get} waits for it and rethrows what the download threw, as thrown.
 */
final class PendingCourse {
    interface Download {
        FetchedCourse fetch() throws IOException;
    }

    private final Future<FetchedCourse> future;

    private PendingCourse(Future<FetchedCourse> future) {
        this.future = future;
    }

    static PendingCourse done(FetchedCourse course) {
        return new PendingCourse(CompletableFuture.completedFuture(course));
    }

    static PendingCourse start(Download download) {
        var task = new FutureTask<>(download::fetch);
        var thread = new Thread(task, "progy-download");
        thread.setDaemon(true);
        thread.start();
        return new PendingCourse(task);
    }

    FetchedCourse get() throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading the course");
        } catch (CancellationException e) {
            throw new InterruptedIOException("the download was cancelled");
        } catch (ExecutionException e) {
            var cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime; // CliException and UncheckedIOException among them, with their exit codes
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    void cancel() {
        future.cancel(true);
    }
}
