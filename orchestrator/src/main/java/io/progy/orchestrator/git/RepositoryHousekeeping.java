package io.progy.orchestrator.git;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps the builtin host's repositories compact. JGit's ReceivePack keeps every pushed pack, and each
 * object a push brings is looked up in every pack, so a repository pushed to hundreds of times answers
 * ever more slowly. After a push that leaves more than {@code progy.git.max-packs} packs, the repository
 * is repacked in the background ({@link BareRepositories#compact}), at most once at a time per repository.
 *
 * <p>Pushes and compaction of the same repository exclude each other ({@link #lockForPush}): compaction
 * deletes the packs it replaced at once, and a push's pack is only referenced once its refs are updated.
 * Fetches and clones take no lock: JGit finds objects in the new pack when the one it read is gone. The
 * lock is in-process, which is enough because the builtin host runs on one node.
 */
@Component
@ConditionalOnProperty(prefix = "progy.git", name = "provider", havingValue = "builtin", matchIfMissing = true)
class RepositoryHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(RepositoryHousekeeping.class);

    private final BareRepositories disk;
    private final int maxPacks;
    private final Scheduler scheduler;
    /** Locks of repositories in use, removed when their last holder releases them. Guarded by itself. */
    private final Map<String, RepositoryLock> locks = new HashMap<>();
    /** Repositories whose compaction is scheduled or running. */
    private final Set<String> compacting = ConcurrentHashMap.newKeySet();

    @Autowired
    RepositoryHousekeeping(BareRepositories disk, GitProperties properties) {
        this(disk, properties.maxPacks(), Schedulers.boundedElastic());
    }

    RepositoryHousekeeping(BareRepositories disk, int maxPacks, Scheduler scheduler) {
        if (maxPacks < 1) {
            throw new IllegalArgumentException("progy.git.max-packs must be at least 1, not " + maxPacks);
        }
        this.disk = disk;
        this.maxPacks = maxPacks;
        this.scheduler = scheduler;
    }

    /** Held while a repository is written to; close it to let the next writer in. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits (blocking) until no compaction of the repository runs, and keeps it from starting until closed. */
    Held lockForPush(String owner, String name) {
        return lock(owner + "/" + name);
    }

    /**
     * Schedules the repository's compaction on {@code boundedElastic} when it holds more than the limit of
     * packs and none is scheduled yet. Never throws: housekeeping does not fail a push.
     */
    void afterPush(String owner, String name) {
        String repository = owner + "/" + name;
        int packs;
        try {
            packs = disk.packCount(owner, name);
        } catch (IOException e) {
            log.warn("cannot count the packs of {}: {}", repository, e.toString());
            return;
        }
        if (packs <= maxPacks || !compacting.add(repository)) {
            return;
        }
        log.debug("compacting {}: {} packs", repository, packs);
        try {
            scheduler.schedule(() -> compact(owner, name));
        } catch (RejectedExecutionException e) {
            compacting.remove(repository);
            log.warn("cannot schedule the compaction of {}: {}", repository, e.toString());
        }
    }

    /** Whether a compaction of the repository is scheduled or running. */
    boolean isCompacting(String owner, String name) {
        return compacting.contains(owner + "/" + name);
    }

    private void compact(String owner, String name) {
        String repository = owner + "/" + name;
        long start = System.nanoTime();
        try (Held ignored = lock(repository)) {
            try {
                disk.compact(owner, name);
                log.debug(
                        "compacted {} into {} pack(s) in {} ms",
                        repository,
                        disk.packCount(owner, name),
                        (System.nanoTime() - start) / 1_000_000);
            } catch (IOException | RuntimeException e) {
                log.warn("compaction of {} failed; it is tried again after the next push", repository, e);
            } finally {
                // Before the lock is released: a push waiting for it may schedule the next compaction.
                compacting.remove(repository);
            }
        }
    }

    private Held lock(String repository) {
        RepositoryLock entry;
        synchronized (locks) {
            entry = locks.computeIfAbsent(repository, key -> new RepositoryLock());
            entry.users++;
        }
        entry.lock.lock();
        return () -> {
            entry.lock.unlock();
            synchronized (locks) {
                if (--entry.users == 0) {
                    locks.remove(repository);
                }
            }
        };
    }

    private static final class RepositoryLock {
        final ReentrantLock lock = new ReentrantLock();
        /** Holders and waiters; guarded by {@code locks}. */
        int users;
    }
}
