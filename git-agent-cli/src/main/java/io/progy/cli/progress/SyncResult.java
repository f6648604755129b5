package io.progy.cli.progress;

import java.util.List;

/** How a sync or upload of a working copy with its progress repository ended. Local work is never lost in any. */
public sealed interface SyncResult {
    /** Nothing to send, nothing to receive. */
    record UpToDate() implements SyncResult {}

    /** This device's commits were sent; the server had nothing new. */
    record Pushed(int commits) implements SyncResult {}

    /** Commits from another device were taken; this device had nothing to send. */
    record FastForwarded(int received) implements SyncResult {}

    /** This device's commits were replayed on top of the ones received (a rebase), then sent. */
    record Rebased(int received, int replayed) implements SyncResult {}

    /**
     * Both sides changed the same files: this device's commits are kept on {@code branch} (also on the server),
     * and the working copy now shows the server's version.
     *
     * @param files the files whose content differs from this device's version
     */
    record Conflicted(String branch, List<ConflictFile> files, int received) implements SyncResult {
        public Conflicted {
            files = List.copyOf(files);
        }
    }

    /** The server could not be reached: commits stay on this device, {@code unpushed} of them not yet uploaded. */
    record Offline(String reason, int unpushed) implements SyncResult {}

    /** No usable login or git credentials: commits stay on this device. */
    record Unauthorized(String reason, int unpushed) implements SyncResult {}

    /**
     * A file that differs between this device's version (kept on the conflict branch) and the server's.
     *
     * @param changedOnBoth true when the other device changed it as well (a real conflict), false when only this
     *     device did
     */
    record ConflictFile(String path, boolean changedOnBoth) {}

    /** How many commits arrived from the server. */
    default int received() {
        if (this instanceof FastForwarded f) {
            return f.received();
        }
        if (this instanceof Rebased r) {
            return r.received();
        }
        return this instanceof Conflicted c ? c.received() : 0;
    }
}
