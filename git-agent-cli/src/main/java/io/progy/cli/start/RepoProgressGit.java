package io.progy.cli.start;

import io.progy.cli.Output;
import io.progy.cli.progress.BackgroundSync;
import io.progy.cli.progress.ProgressRepo;
import io.progy.cli.progress.SyncReport;
import io.progy.cli.progress.SyncResult;
import io.progy.format.Exercise;
import java.io.IOException;
import java.time.Duration;

/**
 * The git panel of a workspace made by {@code progy init}: Save and Sync as {@code progy save} and {@code progy sync}
 * do them, each first pass committed and uploaded in the background with uploads every
 * {@link BackgroundSync#interval} while commits wait, and a last sync when {@code progy start} stops. What the panel
 * shows of the repository is read as {@link LocalProgressGit} reads it.
 */
final class RepoProgressGit implements ProgressGit {
    private final ProgressRepo repo;
    private final ProgressGit local;
    private final BackgroundSync background;

    private RepoProgressGit(ProgressRepo repo, ProgressGit local, BackgroundSync background) {
        this.repo = repo;
        this.local = local;
        this.background = background;
    }

    /** Serves {@code repo} (closed when this stops); background notes go to {@code out}. */
    static ProgressGit open(ProgressRepo repo, Output out, Duration interval) {
        return new RepoProgressGit(repo, LocalProgressGit.open(repo.root()), BackgroundSync.start(repo, out, interval));
    }

    @Override
    public Status status(int limit) {
        var status = local.status(limit);
        String note;
        try {
            var conflicts = repo.pendingConflicts();
            note = conflicts.isEmpty()
                    ? status.notUploaded() > 0 ? "Sync uploads what is not uploaded yet." : null
                    : "Sync conflict to resolve: your version is on " + String.join(", ", conflicts)
                            + "; run `progy sync --resolve ours` (keep yours) or `--resolve theirs` (keep the"
                            + " server's).";
        } catch (IOException e) {
            note = "cannot read the repository: " + e.getMessage();
        }
        return new Status(
                status.repository(),
                status.branch(),
                status.recent(),
                status.notUploaded(),
                status.changedFiles(),
                status.lastSync(),
                note);
    }

    @Override
    public Outcome save(String message) {
        try {
            var text = message == null || message.isBlank() ? ProgressRepo.SAVE_MESSAGE : message.strip();
            var commit = repo.save(text);
            var upload = repo.upload();
            var saved = commit.map(
                            id -> "Saved: " + text + " (" + id.abbreviate(7).name() + "). ")
                    .orElse("Nothing to save. ");
            return outcome(upload, saved);
        } catch (IOException | RuntimeException e) {
            return new Outcome(false, "Cannot save: " + e.getMessage());
        }
    }

    @Override
    public Outcome sync() {
        try {
            return outcome(repo.sync(), "");
        } catch (IOException | RuntimeException e) {
            return new Outcome(false, "Cannot sync: " + e.getMessage());
        }
    }

    @Override
    public void passed(Exercise exercise) {
        background.passed(exercise);
    }

    @Override
    public Outcome finalSync() {
        return background
                .stop(BackgroundSync.EXIT_BOUND)
                .map(result -> outcome(result, ""))
                .orElse(new Outcome(false, "the last sync did not finish: `progy sync` uploads your work"));
    }

    @Override
    public void close() {
        finalSync(); // nothing more after the stop's own last sync; else (start failed) that last sync, bounded
        local.close();
    }

    private static Outcome outcome(SyncResult result, String before) {
        var text = result instanceof SyncResult.Conflicted conflicted
                ? String.join(" ", SyncReport.conflictLines(conflicted))
                : SyncReport.line(result);
        return new Outcome(SyncReport.exitCode(result) == 0, before + text);
    }
}
