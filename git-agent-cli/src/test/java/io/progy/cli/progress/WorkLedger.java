package io.progy.cli.progress;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Every commit a device ever had on its branches (from the reflogs, so commits that a rebase replaced count too),
 * and the check that the server still holds the work of each: the commit itself, or its replayed copy (same
 * message, author and change). A root "init: Start course" commit is not work: it is the course as installed, and a
 * device that started offline drops its own for the server's.
 */
final class WorkLedger {
    private final Map<String, String> works = new LinkedHashMap<>();

    /** Records the commits {@code device}'s branches have pointed at, and their history. */
    void record(String deviceName, Repository device) throws IOException {
        try (var walk = new RevWalk(device)) {
            var tips = new ArrayList<ObjectId>();
            for (var ref : device.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                var reflog = device.getReflogReader(ref.getName());
                if (reflog != null) {
                    for (var entry : reflog.getReverseEntries()) {
                        if (!entry.getNewId().equals(ObjectId.zeroId())) {
                            tips.add(entry.getNewId());
                        }
                    }
                }
                tips.add(ref.getObjectId());
            }
            for (var tip : tips) {
                if (device.getObjectDatabase().has(tip)) {
                    walk.markStart(walk.parseCommit(tip));
                }
            }
            for (var commit : walk) {
                if (commit.getParentCount() == 0 && commit.getFullMessage().equals(ProgressRepo.INITIAL_COMMIT)) {
                    continue;
                }
                works.putIfAbsent(
                        key(device, commit), deviceName + " " + commit.name() + " " + commit.getShortMessage());
            }
        }
    }

    int size() {
        return works.size();
    }

    /** The recorded commits whose work no branch of {@code server} (a mirror of the remote) holds. */
    List<String> lostFrom(Repository server) throws IOException {
        Set<String> held = new HashSet<>();
        try (var walk = new RevWalk(server)) {
            for (var ref : server.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                walk.markStart(walk.parseCommit(ref.getObjectId()));
            }
            for (var commit : walk) {
                held.add(key(server, commit));
            }
        }
        var lost = new ArrayList<String>();
        works.forEach((key, description) -> {
            if (!held.contains(key)) {
                lost.add(description);
            }
        });
        return lost;
    }

    /** Message, author and the change against the first parent: what a replay keeps. */
    private static String key(Repository repository, RevCommit commit) throws IOException {
        var author = commit.getAuthorIdent();
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
                changes.put(tree.getPathString(), tree.getObjectId(1).name());
            }
        }
        return commit.getFullMessage() + "\0" + author.getName() + "\0" + author.getEmailAddress() + "\0"
                + author.getWhenAsInstant().getEpochSecond() + "\0" + changes;
    }
}
