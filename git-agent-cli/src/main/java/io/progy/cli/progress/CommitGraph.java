package io.progy.cli.progress;

import io.progy.cli.progress.SyncResult.ConflictFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Computations on a repository's commits that never touch the working tree: counting, the commits a rebase
 * replays, the replay itself (each commit merged in memory onto the new base, as a cherry-pick does), the files a
 * conflict concerns, and the tree of a resolution. Commits are passed as ids; each method parses what it needs.
 */
final class CommitGraph {
    /** A replay: the new head when every commit applied, else the first commit that did not. */
    record Replay(ObjectId head, RevCommit conflictAt) {}

    private final Repository repository;

    CommitGraph(Repository repository) {
        this.repository = repository;
    }

    /** How many commits are reachable from {@code include} (null: none). */
    int countAll(ObjectId include) throws IOException {
        return count(include, List.of());
    }

    /** How many commits are reachable from {@code include} and not from {@code exclude} (null: none excluded). */
    int count(ObjectId include, ObjectId exclude) throws IOException {
        return count(include, exclude == null ? List.of() : List.of(exclude));
    }

    /** How many commits are reachable from {@code include} and from none of {@code excludes}. */
    int count(ObjectId include, List<ObjectId> excludes) throws IOException {
        if (include == null) {
            return 0;
        }
        try (var walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(include));
            for (var exclude : excludes) {
                walk.markUninteresting(walk.parseCommit(exclude));
            }
            int count = 0;
            while (walk.next() != null) {
                count++;
            }
            return count;
        }
    }

    /** Whether {@code ancestor} is reachable from {@code descendant} (or is it). */
    boolean isAncestor(ObjectId ancestor, ObjectId descendant) throws IOException {
        try (var walk = new RevWalk(repository)) {
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(descendant));
        }
    }

    /**
     * The commits a rebase of {@code local} onto {@code upstream} replays, oldest first: the first-parent chain of
     * {@code local} down to the first commit {@code upstream} also has. A root commit is never replayed: it is the
     * course as {@code progy init} installed it on a device that worked offline, and the server has its own.
     */
    List<RevCommit> toReplay(ObjectId local, ObjectId upstream) throws IOException {
        try (var walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(local));
            walk.markUninteresting(walk.parseCommit(upstream));
            Set<ObjectId> notUpstream = new HashSet<>();
            for (RevCommit commit; (commit = walk.next()) != null; ) {
                notUpstream.add(commit.copy());
            }
            var chain = new ArrayList<RevCommit>();
            try (var parser = new RevWalk(repository)) {
                var commit = parser.parseCommit(local);
                while (notUpstream.contains(commit) && commit.getParentCount() > 0) {
                    chain.add(commit);
                    commit = parser.parseCommit(commit.getParent(0));
                }
            }
            Collections.reverse(chain);
            return chain;
        }
    }

    /**
     * Applies each commit's change (against its first parent) on top of {@code onto}, in memory. Replayed commits
     * keep their author and message, get {@code committer}, and keep their other parents (a resolved conflict
     * stays joined to the branch it resolved).
     */
    Replay replay(List<RevCommit> commits, ObjectId onto, PersonIdent committer) throws IOException {
        var head = onto;
        try (var inserter = repository.newObjectInserter();
                var walk = new RevWalk(repository)) {
            for (var original : commits) {
                var commit = walk.parseCommit(original);
                var merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repository, true);
                merger.setBase(walk.parseCommit(commit.getParent(0)).getTree());
                if (!merger.merge(head, commit)) {
                    return new Replay(null, commit);
                }
                var parents = new ArrayList<ObjectId>();
                parents.add(head);
                for (int i = 1; i < commit.getParentCount(); i++) {
                    parents.add(commit.getParent(i));
                }
                head = insertCommit(
                        inserter,
                        merger.getResultTreeId(),
                        parents,
                        commit.getAuthorIdent(),
                        committer,
                        commit.getFullMessage());
                inserter.flush(); // the next merge reads it through its own reader
            }
        }
        return new Replay(head, null);
    }

    /** The base a resolution compares both sides with: their merge base, or the oldest commit of {@code mine}. */
    ObjectId baseOf(ObjectId mine, ObjectId theirs) throws IOException {
        try (var walk = new RevWalk(repository)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(mine));
            walk.markStart(walk.parseCommit(theirs));
            var base = walk.next();
            if (base != null) {
                return base.copy();
            }
        }
        try (var walk = new RevWalk(repository)) {
            var commit = walk.parseCommit(mine);
            while (commit.getParentCount() > 0) {
                commit = walk.parseCommit(commit.getParent(0));
            }
            return commit.copy();
        }
    }

    /**
     * The files {@code mine} changed since {@code base} whose content differs in {@code theirs}, each marked when
     * {@code theirs} changed it since {@code base} too.
     */
    List<ConflictFile> conflictFiles(ObjectId base, ObjectId mine, ObjectId theirs) throws IOException {
        var mineChanged = changedPaths(base, mine);
        var theirsChanged = changedPaths(base, theirs);
        var differing = changedPaths(mine, theirs);
        var files = new ArrayList<ConflictFile>();
        for (var path : mineChanged) {
            if (differing.contains(path)) {
                files.add(new ConflictFile(path, theirsChanged.contains(path)));
            }
        }
        return files;
    }

    /** The paths whose content or mode differs between two commits (null {@code from}: the empty tree). */
    Set<String> changedPaths(ObjectId from, ObjectId to) throws IOException {
        var paths = new TreeSet<String>();
        try (var walk = new RevWalk(repository);
                var tree = new TreeWalk(repository)) {
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
            if (from == null) {
                tree.addTree(new EmptyTreeIterator());
            } else {
                tree.addTree(walk.parseCommit(from).getTree());
            }
            tree.addTree(walk.parseCommit(to).getTree());
            while (tree.next()) {
                paths.add(tree.getPathString());
            }
        }
        return paths;
    }

    /**
     * The tree of {@code theirs} with {@code mine}'s version of {@code paths} (a path {@code mine} lacks is
     * removed).
     */
    ObjectId overlay(ObjectId theirs, ObjectId mine, Set<String> paths) throws IOException {
        var index = DirCache.newInCore();
        var builder = index.builder();
        try (var walk = new RevWalk(repository);
                var tree = new TreeWalk(repository);
                var inserter = repository.newObjectInserter()) {
            tree.setRecursive(true);
            tree.addTree(walk.parseCommit(theirs).getTree());
            tree.addTree(walk.parseCommit(mine).getTree());
            while (tree.next()) {
                int side = paths.contains(tree.getPathString()) ? 1 : 0;
                var mode = tree.getFileMode(side);
                if (mode == FileMode.MISSING) {
                    continue;
                }
                var entry = new DirCacheEntry(tree.getRawPath());
                entry.setFileMode(mode);
                entry.setObjectId(tree.getObjectId(side));
                builder.add(entry);
            }
            builder.finish();
            var id = index.writeTree(inserter);
            inserter.flush();
            return id;
        }
    }

    /** Writes a commit of {@code tree} with the given parents. */
    ObjectId commit(ObjectId tree, List<ObjectId> parents, PersonIdent ident, String message) throws IOException {
        try (var inserter = repository.newObjectInserter()) {
            var id = insertCommit(inserter, tree, parents, ident, ident, message);
            inserter.flush();
            return id;
        }
    }

    /** The tree of a commit. */
    ObjectId treeOf(ObjectId commit) throws IOException {
        try (var walk = new RevWalk(repository)) {
            return walk.parseCommit(commit).getTree().copy();
        }
    }

    private static ObjectId insertCommit(
            org.eclipse.jgit.lib.ObjectInserter inserter,
            ObjectId tree,
            List<ObjectId> parents,
            PersonIdent author,
            PersonIdent committer,
            String message)
            throws IOException {
        var builder = new CommitBuilder();
        builder.setTreeId(tree);
        builder.setParentIds(parents);
        builder.setAuthor(author);
        builder.setCommitter(committer);
        builder.setEncoding(java.nio.charset.StandardCharsets.UTF_8);
        builder.setMessage(message);
        return inserter.insert(builder);
    }
}
