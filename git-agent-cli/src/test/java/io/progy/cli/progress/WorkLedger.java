package io.progy.cli.progress;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Every commit a device ever had on its branches (from the reflogs, so commits that a rebase replaced count too),
 * and the check that the server still holds the work of each: a commit on the server with the same message and
 * author whose files include the commit's change (what a replay keeps; when the server already had part of the
 * change, the replayed copy changes less, but its files still show it). A root "init: Start course" commit is not
 * work: it is the course as installed, and a device that started offline drops its own for the server's.
 */
final class WorkLedger {
    /** A commit's change: its files against its first parent (null for a deleted file). */
    private record Work(String identity, Map<String, String> changes, String description) {}

    private final Map<String, Work> works = new LinkedHashMap<>();

    /** Records the commits {@code device}'s branches have pointed at, and their history. */
    void record(String deviceName, Repository device) throws IOException {
        try (var walk = new RevWalk(device)) {
            for (var ref : device.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                var reflog = device.getReflogReader(ref.getName());
                if (reflog != null) {
                    for (var entry : reflog.getReverseEntries()) {
                        if (!entry.getNewId().equals(ObjectId.zeroId())
                                && device.getObjectDatabase().has(entry.getNewId())) {
                            walk.markStart(walk.parseCommit(entry.getNewId()));
                        }
                    }
                }
                walk.markStart(walk.parseCommit(ref.getObjectId()));
            }
            for (var commit : walk) {
                if (commit.getParentCount() == 0 && commit.getFullMessage().equals(ProgressRepo.INITIAL_COMMIT)) {
                    continue;
                }
                var changes = changes(device, commit);
                var identity = identity(commit);
                works.putIfAbsent(
                        identity + changes,
                        new Work(identity, changes, deviceName + " " + commit.name() + " " + commit.getShortMessage()));
            }
        }
    }

    int size() {
        return works.size();
    }

    /** The recorded commits whose work no branch of {@code server} (a mirror of the remote) holds. */
    List<String> lostFrom(Repository server) throws IOException {
        var candidates = new HashMap<String, List<RevCommit>>();
        try (var walk = new RevWalk(server)) {
            for (var ref : server.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                walk.markStart(walk.parseCommit(ref.getObjectId()));
            }
            for (var commit : walk) {
                candidates
                        .computeIfAbsent(identity(commit), key -> new ArrayList<>())
                        .add(commit);
            }
        }
        var lost = new ArrayList<String>();
        for (var work : works.values()) {
            boolean held = false;
            for (var commit : candidates.getOrDefault(work.identity(), List.of())) {
                held |= holds(server, commit, work.changes());
            }
            if (!held) {
                lost.add(work.description());
            }
        }
        return lost;
    }

    private static boolean holds(Repository repository, RevCommit commit, Map<String, String> changes)
            throws IOException {
        for (var change : changes.entrySet()) {
            try (var tree = TreeWalk.forPath(repository, change.getKey(), commit.getTree())) {
                var blob = tree == null ? null : tree.getObjectId(0).name();
                if (!java.util.Objects.equals(blob, change.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String identity(RevCommit commit) {
        var author = commit.getAuthorIdent();
        return commit.getFullMessage() + "\0" + author.getName() + "\0" + author.getEmailAddress() + "\0"
                + author.getWhenAsInstant().getEpochSecond();
    }

    private static Map<String, String> changes(Repository repository, RevCommit commit) throws IOException {
        var changes = new TreeMap<String, String>();
        try (var tree = new TreeWalk(repository);
                var walk = new RevWalk(repository)) {
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
            if (commit.getParentCount() == 0) {
                tree.addTree(new EmptyTreeIterator());
            } else {
                tree.addTree(walk.parseCommit(commit.getParent(0)).getTree());
            }
            tree.addTree(walk.parseCommit(commit).getTree());
            while (tree.next()) {
                changes.put(
                        tree.getPathString(),
                        tree.getFileMode(1) == FileMode.MISSING
                                ? null
                                : tree.getObjectId(1).name());
            }
        }
        return changes;
    }
}
