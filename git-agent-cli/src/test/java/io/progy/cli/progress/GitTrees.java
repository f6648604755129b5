package io.progy.cli.progress;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** What a commit holds, for assertions. */
final class GitTrees {
    private GitTrees() {}

    /** The paths of every file in {@code commit}, in Git's order. */
    static List<String> files(Repository repository, ObjectId commit) throws IOException {
        try (var walk = new RevWalk(repository);
                var tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            var files = new ArrayList<String>();
            while (tree.next()) {
                files.add(tree.getPathString());
            }
            return files;
        }
    }
}
