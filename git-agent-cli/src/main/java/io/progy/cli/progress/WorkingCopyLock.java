package io.progy.cli.progress;

import io.progy.cli.CliException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes the Git work on one working copy: across the threads of this process (a {@link ReentrantLock} per
 * repository) and across processes (an OS file lock on {@code .git/progy.lock}), so that {@code progy watch}
 * committing a pass and a {@code progy save} typed in another terminal never meet on Git's {@code index.lock}.
 * Re-entrant: an operation may call another while holding the lock. Waiting is bounded; past the bound the
 * caller is told that another progy is busy with the course.
 */
final class WorkingCopyLock {
    static final String FILE_NAME = "progy.lock";

    private static final Map<Path, WorkingCopyLock> LOCKS = new ConcurrentHashMap<>();
    private static final long RETRY_MILLIS = 20;

    private final Path file;
    private final ReentrantLock threads = new ReentrantLock();
    private FileChannel channel;
    private FileLock held;

    private WorkingCopyLock(Path file) {
        this.file = file;
    }

    /** The lock of the repository whose Git directory is {@code gitDir} (the same object for the same directory). */
    static WorkingCopyLock of(Path gitDir) throws IOException {
        var real = gitDir.toRealPath();
        return LOCKS.computeIfAbsent(real, dir -> new WorkingCopyLock(dir.resolve(FILE_NAME)));
    }

    /** Takes the lock, waiting at most {@code timeout}; close the result to release it. */
    Held acquire(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!threads.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(io.progy.cli.ExitCode.FAILURE, "interrupted while waiting for " + file, e);
        }
        if (threads.getHoldCount() > 1) {
            return threads::unlock; // re-entered: the file lock is already ours
        }
        try {
            lockFile(deadline);
        } catch (IOException | RuntimeException e) {
            threads.unlock();
            throw e;
        }
        return this::release;
    }

    private void lockFile(long deadline) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held through another channel of this JVM (not through progy's own locks)
                }
                if (lock != null) {
                    held = lock;
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw busy();
                }
                Thread.sleep(RETRY_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeChannel();
            throw new CliException(io.progy.cli.ExitCode.FAILURE, "interrupted while waiting for " + file, e);
        } catch (IOException | RuntimeException e) {
            closeChannel();
            throw e;
        }
    }

    private void release() {
        try {
            if (held != null) {
                held.release();
            }
        } catch (IOException e) {
            // closing the channel below releases it as well
        } finally {
            held = null;
            closeChannel();
            threads.unlock();
        }
    }

    private void closeChannel() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing more to release
        } finally {
            channel = null;
        }
    }

    private CliException busy() {
        return CliException.conflict("another progy command is working on this course (it holds " + file
                + "); try again when it has finished");
    }

    /** A held lock. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
