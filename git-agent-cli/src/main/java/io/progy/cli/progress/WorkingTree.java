package io.progy.cli.progress;

import io.progy.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.errors.CheckoutConflictException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The working tree, index and refs of a working copy, for {@link ProgressRepo}: staging and committing, moving
 * {@code main} with a checkout that never overwrites a file changed meanwhile, and reading files of a commit. Not
 * locked itself: {@link ProgressRepo} calls it with the lock held.
 */
final class WorkingTree {
    private final Path root;
    private final Repository repository;
    private final Git git;

    WorkingTree(Path root, Repository repository) {
        this.root = root;
        this.repository = repository;
        this.git = Git.wrap(repository);
    }

    /** The id of {@code main}'s last commit, or null before the first one. */
    ObjectId head() throws IOException {
        return repository.resolve(ProgressRepo.MAIN_REF);
    }

    /**
     * Points {@code main} at {@code target} and updates the working tree like {@code git checkout}: files changed
     * in the working tree but not between the two commits are kept; a changed file that would be overwritten
     * stops it with {@link CheckoutConflictException} before anything is written.
     */
    void moveMain(ObjectId target, String why) throws IOException {
        var head = head();
        var targetTree = treeOf(target);
        var index = repository.lockDirCache();
        try {
            var fresh = head == null ? FreshCheckout.plan(repository, targetTree) : null;
            if (fresh != null) {
                fresh.write(index);
            } else {
                var checkout = head == null
                        ? new DirCacheCheckout(repository, index, targetTree)
                        : new DirCacheCheckout(repository, treeOf(head), index, targetTree);
                checkout.setFailOnConflict(true);
                checkout.checkout();
            }
        } finally {
            index.unlock();
        }
        var update = repository.updateRef(ProgressRepo.MAIN_REF);
        update.setExpectedOldObjectId(head == null ? ObjectId.zeroId() : head);
        update.setNewObjectId(target);
        update.setForceUpdate(true);
        update.setRefLogMessage("progy: " + why, false);
        requireUpdated(update.update(), ProgressRepo.MAIN_REF);
    }

    void setRef(String ref, ObjectId target, String why) throws IOException {
        var update = repository.updateRef(ref);
        update.setNewObjectId(target);
        update.setForceUpdate(true);
        update.setRefLogMessage("progy: " + why, false);
        requireUpdated(update.update(), ref);
    }

    void deleteRef(String ref) throws IOException {
        var update = repository.updateRef(ref);
        update.setForceUpdate(true);
        update.delete();
    }

    private static void requireUpdated(RefUpdate.Result result, String ref) {
        switch (result) {
            case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {}
            default ->
                throw CliException.conflict("could not update " + ref + " (" + result
                        + "): another program changed the repository meanwhile; try again");
        }
    }

    void requireMain() throws IOException {
        var branch = repository.getFullBranch();
        if (!ProgressRepo.MAIN_REF.equals(branch)) {
            throw CliException.conflict(root + " is on " + Repository.shortenRefName(String.valueOf(branch))
                    + ", not on " + ProgressRepo.BRANCH + ": progy keeps your progress on " + ProgressRepo.BRANCH
                    + " (git switch " + ProgressRepo.BRANCH + ")");
        }
    }

    /** How many files have changes not committed (new ones included, ignored ones not). */
    int uncommittedFiles() throws IOException {
        try {
            var status = git.status().call();
            return status.getUncommittedChanges().size() + status.getUntracked().size();
        } catch (GitAPIException e) {
            throw new IOException("git: " + e.getMessage(), e);
        }
    }

    /** Commits every pending change; empty when there was none. */
    Optional<ObjectId> commitPending(String message) throws IOException {
        try {
            if (git.status().call().isClean()) {
                return Optional.empty();
            }
        } catch (GitAPIException e) {
            throw new IOException("git: " + e.getMessage(), e);
        }
        stageAll(".");
        return Optional.of(commit(message));
    }

    /** Stages new, changed and deleted files under {@code path} (ignored files stay out), in one pass. */
    void stageAll(String path) throws IOException {
        try {
            git.add().setAll(true).addFilepattern(path).call();
        } catch (GitAPIException e) {
            throw new IOException("git: " + e.getMessage(), e);
        }
    }

    ObjectId commit(String message, String... only) throws IOException {
        var ident = ident();
        try {
            var command = git.commit()
                    .setMessage(message)
                    .setAuthor(ident)
                    .setCommitter(ident)
                    .setSign(false)
                    .setNoVerify(true)
                    .setAllowEmpty(true);
            for (var path : only) {
                command.setOnly(path);
            }
            return command.call().copy();
        } catch (GitAPIException e) {
            throw new IOException("git: " + e.getMessage(), e);
        }
    }

    /** The Git identity configured for the student (user.name, user.email), else progy's default. */
    PersonIdent ident() {
        var user = repository.getConfig().get(UserConfig.KEY);
        var name = user.isAuthorNameImplicit() ? ProgressRepo.DEFAULT_AUTHOR : user.getAuthorName();
        var email = user.isAuthorEmailImplicit() ? ProgressRepo.DEFAULT_EMAIL : user.getAuthorEmail();
        return new PersonIdent(name, email);
    }

    Optional<String> readFile(ObjectId commit, String path) throws IOException {
        try (var walk = new RevWalk(repository);
                var tree = TreeWalk.forPath(
                        repository, path, walk.parseCommit(commit).getTree())) {
            if (tree == null) {
                return Optional.empty();
            }
            var bytes = repository.open(tree.getObjectId(0)).getCachedBytes(1 << 20);
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private ObjectId treeOf(ObjectId commit) throws IOException {
        try (var walk = new RevWalk(repository)) {
            return walk.parseCommit(commit).getTree().copy();
        }
    }
}
