package io.progy.cli.start;

import java.time.Instant;
import java.util.List;

/**
 * What the browser's git panel needs of the student's progress repository: recent commits, what is not uploaded yet,
 * and Save and Sync. {@link RepoProgressGit} serves a workspace made by {@code progy init} (commit on pass, save and
 * sync with the student's progress repository); {@link LocalProgressGit} any other course directory, locally.
 */
public interface ProgressGit extends AutoCloseable {

    /**
     * One commit.
     *
     * @param id the full id
     * @param message the first line of its message
     * @param when when it was committed
     * @param uploaded whether a remote already has it
     */
    record Commit(String id, String message, Instant when, boolean uploaded) {
        /** The abbreviated id. */
        public String shortId() {
            return id.length() > 7 ? id.substring(0, 7) : id;
        }
    }

    /**
     * The repository's state.
     *
     * @param repository whether the course directory is a Git repository at all
     * @param branch the current branch, or {@code null}
     * @param recent the latest commits, newest first
     * @param notUploaded how many commits no remote has yet
     * @param changedFiles how many files have changes not committed
     * @param lastSync when the work was last synced, or {@code null} if never
     * @param note something the student should know (no remote yet, ...), or {@code null}
     */
    record Status(
            boolean repository,
            String branch,
            List<Commit> recent,
            int notUploaded,
            int changedFiles,
            Instant lastSync,
            String note) {}

    /**
     * What Save or Sync did.
     *
     * @param ok whether it did what was asked
     * @param message what to tell the student
     */
    record Outcome(boolean ok, String message) {}

    /** The state, with at most {@code limit} recent commits. */
    Status status(int limit);

    /** Commits every change of the student's (a message may be {@code null}). */
    Outcome save(String message);

    /** Uploads local commits and takes the remote's. */
    Outcome sync();

    /** Commits the first pass of {@code exercise} (and uploads it), where this repository can; in the background. */
    default void passed(io.progy.format.Exercise exercise) {}

    /** The last sync before {@code progy start} stops; bounded in time. */
    default Outcome finalSync() {
        return new Outcome(true, "nothing to sync");
    }

    @Override
    default void close() {}
}
