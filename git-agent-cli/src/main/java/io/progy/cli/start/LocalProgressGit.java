package io.progy.cli.start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * {@link ProgressGit} on the local repository of the course directory, with JGit: the commits and which ones no
 * remote-tracking branch holds yet; Save commits every change (what {@code .gitignore} lets in). Sync needs the
 * student's remote progress repository and its credentials, which this implementation does not have: it says so and
 * leaves the work committed locally. Calls are serialized.
 */
final class LocalProgressGit implements ProgressGit {
    private static final String NO_SYNC = "Sync needs your progress repository on the Progy server; your work is"
            + " committed here and will be uploaded by the next sync.";

    private final Repository repository;

    private LocalProgressGit(Repository repository) {
        this.repository = repository;
    }

    /** The repository at {@code root} (only there: a repository of a parent directory is not the student's). */
    static ProgressGit open(Path root) {
        var gitDir = root.resolve(Constants.DOT_GIT);
        if (!Files.isDirectory(gitDir)) {
            return new NoRepository();
        }
        try {
            return new LocalProgressGit(new FileRepositoryBuilder()
                    .setGitDir(gitDir.toFile())
                    .setWorkTree(root.toFile())
                    .setMustExist(true)
                    .build());
        } catch (IOException e) {
            return new NoRepository();
        }
    }

    @Override
    public synchronized Status status(int limit) {
        try (var git = new Git(repository)) {
            var head = repository.resolve(Constants.HEAD);
            var remotes = repository.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES);
            var notUploaded = new HashSet<String>();
            var recent = new ArrayList<Commit>();
            if (head != null) {
                try (var walk = new RevWalk(repository)) {
                    walk.markStart(walk.parseCommit(head));
                    for (var ref : remotes) {
                        if (ref.getObjectId() != null) {
                            walk.markUninteresting(walk.parseCommit(ref.getObjectId()));
                        }
                    }
                    walk.forEach(commit -> notUploaded.add(commit.getName()));
                }
                for (var commit : git.log().setMaxCount(limit).call()) {
                    recent.add(new Commit(
                            commit.getName(),
                            commit.getShortMessage(),
                            Instant.ofEpochSecond(commit.getCommitTime()),
                            !notUploaded.contains(commit.getName())));
                }
            }
            var status = git.status().call();
            var changed = status.getUncommittedChanges().size()
                    + status.getUntracked().size();
            var fetchHead = repository.getDirectory().toPath().resolve("FETCH_HEAD");
            var lastSync = Files.exists(fetchHead)
                    ? Files.getLastModifiedTime(fetchHead).toInstant()
                    : null;
            var hasRemote = !repository.getRemoteNames().isEmpty();
            return new Status(
                    true,
                    repository.getBranch(),
                    recent,
                    notUploaded.size(),
                    changed,
                    lastSync,
                    hasRemote ? null : "No remote yet: " + NO_SYNC);
        } catch (IOException | GitAPIException e) {
            return new Status(
                    true, null, java.util.List.of(), 0, 0, null, "cannot read the repository: " + e.getMessage());
        }
    }

    @Override
    public synchronized Outcome save(String message) {
        try (var git = new Git(repository)) {
            if (git.status().call().isClean()) {
                return new Outcome(true, "Nothing to save: every change is already committed.");
            }
            git.add().addFilepattern(".").call();
            git.add().setUpdate(true).addFilepattern(".").call(); // deletions too
            var files = git.status().call().getUncommittedChanges().size();
            var text = message == null || message.isBlank() ? "progress: save" : message.strip();
            var commit = git.commit().setMessage(text).call();
            return new Outcome(
                    true,
                    "Saved " + files + " file" + (files == 1 ? "" : "s") + " in "
                            + commit.getName().substring(0, 7) + ".");
        } catch (GitAPIException | RuntimeException e) {
            return new Outcome(false, "Cannot save: " + e.getMessage());
        }
    }

    @Override
    public Outcome sync() {
        return new Outcome(false, NO_SYNC);
    }

    @Override
    public synchronized void close() {
        repository.close();
    }

    /** A course directory that is not a Git repository (a course being written, say). */
    private static final class NoRepository implements ProgressGit {
        @Override
        public Status status(int limit) {
            return new Status(
                    false,
                    null,
                    java.util.List.of(),
                    0,
                    0,
                    null,
                    "This course directory is not a Git repository: `progy init` creates one.");
        }

        @Override
        public Outcome save(String message) {
            return new Outcome(false, "Cannot save: this course directory is not a Git repository.");
        }

        @Override
        public Outcome sync() {
            return new Outcome(false, "Cannot sync: this course directory is not a Git repository.");
        }
    }
}
