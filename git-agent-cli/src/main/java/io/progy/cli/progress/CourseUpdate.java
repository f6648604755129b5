package io.progy.cli.progress;

import io.progy.cli.CliException;
import io.progy.format.SafeUnpacker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.Deflater;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A new course version merged into a student's working copy, for {@link ProgressRepo} (called with its lock held).
 *
 * <p>Each installed version is a commit of the pristine unpacked package on {@value #UPSTREAM_REF} (parent: the
 * previous version). The ref stays on this computer: a working copy without it (started before, or restored on
 * another device) rebuilds it from the package of the version progy.toml records. An update merges three trees
 * restricted to the student's files (course-owned files, progy.toml and .gitignore left out): base = old version,
 * theirs = new version, ours = {@code main}. Exercises the course removed but the student worked in are kept.
 */
public final class CourseUpdate {
    static final String UPSTREAM_REF = "refs/progy/upstream";
    private static final Set<String> WORKSPACE_FILES = Set.of(ProgyToml.FILE_NAME, Constants.GITIGNORE_FILENAME);

    private final Path root;
    private final Repository repository;
    private final WorkingTree workTree;

    CourseUpdate(Path root, Repository repository, WorkingTree workTree) {
        this.root = root;
        this.repository = repository;
        this.workTree = workTree;
    }

    ObjectId upstream() throws IOException {
        return repository.resolve(UPSTREAM_REF);
    }

    String upstreamVersion() throws IOException {
        var id = upstream();
        if (id == null) {
            return null;
        }
        try (var walk = new RevWalk(repository)) {
            var message = walk.parseCommit(id).getFullMessage().strip();
            return message.startsWith("course ") ? message.substring("course ".length()) : null;
        }
    }

    /**
     * The files of a course package, handed over one by one (as {@link SafeUnpacker#read} does), so a package is
     * recorded without being unpacked into a scratch directory first.
     */
    @FunctionalInterface
    public interface PackageFiles {
        void read(SafeUnpacker.FileVisitor visitor) throws IOException;
    }

    /**
     * A commit of the package's files with the current upstream as parent; the ref moves when asked. Each file is
     * stored as a blob as it comes (blobs the repository already has are not written again), so the package is
     * never held in memory whole; new ones go into one pack file rather than a file per object.
     */
    ObjectId commitPackage(PackageFiles files, String version, boolean moveRef) throws IOException {
        try (var inserter = packInserter()) {
            var blobs = new TreeMap<String, ObjectId>();
            files.read((name, content) -> blobs.put(name, inserter.insert(Constants.OBJ_BLOB, content)));
            var index = DirCache.newInCore();
            var builder = index.builder();
            blobs.forEach((path, id) -> {
                var entry = new DirCacheEntry(path);
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(id);
                builder.add(entry);
            });
            builder.finish();
            var tree = index.writeTree(inserter);
            var parent = upstream();
            var commit = new CommitBuilder();
            commit.setTreeId(tree);
            if (parent != null) {
                commit.setParentId(parent);
            }
            var ident = new PersonIdent("progy", "progy@progy.local");
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage("course " + version + "\n");
            var id = inserter.insert(commit);
            inserter.flush();
            if (moveRef) {
                workTree.setRef(UPSTREAM_REF, id, "course " + version);
            }
            return id;
        }
    }

    /** An inserter writing one pack (a course's thousands of files would be as many loose objects). */
    private ObjectInserter packInserter() {
        if (repository.getObjectDatabase() instanceof ObjectDirectory directory) {
            var inserter = directory.newPackInserter();
            inserter.setCompressionLevel(Deflater.BEST_SPEED);
            return inserter;
        }
        return repository.newObjectInserter();
    }

    // ------------------------------------------------------------------ planning

    /** What a file of the student's does in an update. */
    public record Change(String path, String action) {}

    /** What an update does: files, exercises added, removed (deleted or kept), whose files changed, conflicts. */
    public record Plan(
            List<Change> changes,
            List<String> newExercises,
            List<String> removedExercises,
            List<String> keptExercises,
            List<String> changedExercises,
            List<String> conflicts,
            ObjectId baseTree,
            ObjectId theirsTree) {}

    Plan plan(ObjectId oldUpstream, ObjectId newUpstream, IgnoreRules rules) throws IOException {
        var base = studentFiles(oldUpstream, rules);
        var theirs = studentFiles(newUpstream, rules);
        var head = workTree.head();
        var ours = studentFiles(head, null);
        var oldDirs = exerciseDirs(base.keySet());
        var newDirs = exerciseDirs(theirs.keySet());
        var kept = new ArrayList<String>();
        var removed = new ArrayList<String>();
        var added = new ArrayList<String>();
        var changedDirs = new TreeSet<String>();
        for (var dir : oldDirs) {
            if (newDirs.contains(dir)) {
                continue;
            }
            if (studentWorkedIn(dir, base, ours)) {
                kept.add(dir);
                for (var entry : ours.entrySet()) {
                    if (entry.getKey().startsWith(dir + "/")) {
                        theirs.put(entry.getKey(), entry.getValue());
                    }
                }
            } else {
                removed.add(dir);
            }
        }
        for (var dir : newDirs) {
            if (!oldDirs.contains(dir)) {
                added.add(dir);
            }
        }
        // Exercises whose files changed between the versions, course-owned ones included (checks, tests, info).
        var allOld = files(oldUpstream);
        var allNew = files(newUpstream);
        var every = new TreeSet<String>(allOld.keySet());
        every.addAll(allNew.keySet());
        for (var path : every) {
            var dir = exerciseDir(path);
            if (dir != null
                    && oldDirs.contains(dir)
                    && newDirs.contains(dir)
                    && !java.util.Objects.equals(allOld.get(path), allNew.get(path))) {
                changedDirs.add(dir);
            }
        }
        var changes = new ArrayList<Change>();
        var paths = new TreeSet<String>(base.keySet());
        paths.addAll(theirs.keySet());
        for (var path : paths) {
            var b = base.get(path);
            var t = theirs.get(path);
            var o = ours.get(path);
            if (java.util.Objects.equals(b, t)) {
                continue;
            }
            String action;
            if (java.util.Objects.equals(b, o) || java.util.Objects.equals(o, t)) {
                action = t == null ? "delete" : b == null ? "add" : "update";
            } else {
                action = "merge";
            }
            var dir = exerciseDir(path);
            if (dir != null && kept.contains(dir)) {
                continue;
            }
            changes.add(new Change(path, action));
        }
        var baseTree = writeTree(base);
        var theirsTree = writeTree(theirs);
        var conflicts = new ArrayList<String>();
        if (head != null) {
            var merger = (ResolveMerger) MergeStrategy.RESOLVE.newMerger(repository, true);
            merger.setBase(baseTree);
            if (!merger.merge(head, theirsTree)) {
                conflicts.addAll(merger.getUnmergedPaths());
            }
        }
        return new Plan(
                changes,
                added,
                removed,
                kept,
                List.copyOf(changedDirs),
                List.copyOf(new TreeSet<>(conflicts)),
                baseTree,
                theirsTree);
    }

    // ------------------------------------------------------------------ applying

    /** A merge in progress, recorded in .git so that a later update finishes it or --abort undoes it. */
    public record Pending(ObjectId before, ObjectId oldUpstream, ObjectId newUpstream, String from, String to) {}

    /**
     * Merges into the working tree and index; course-owned files take the new version. Returns the conflicted
     * files (empty: ready to commit). Records {@link Pending} first.
     */
    List<String> merge(Plan plan, Pending pending, IgnoreRules rules) throws IOException {
        writePending(pending);
        var merger = (ResolveMerger) MergeStrategy.RESOLVE.newMerger(repository, false);
        merger.setBase(plan.baseTree());
        merger.setWorkingTreeIterator(new FileTreeIterator(repository));
        boolean clean = merger.merge(pending.before(), plan.theirsTree());
        if (merger.getFailingPaths() != null && !merger.getFailingPaths().isEmpty()) {
            deletePending();
            throw CliException.conflict("files changed in the working copy during the update: "
                    + String.join(", ", merger.getFailingPaths().keySet()) + "; run `progy update` again");
        }
        layCourseOwned(pending.oldUpstream(), pending.newUpstream(), rules);
        return clean ? List.of() : List.copyOf(new TreeSet<>(merger.getUnmergedPaths()));
    }

    /** Commits the merged working copy as "update: from -> to" on top of the pre-update commit. */
    ObjectId commit(Pending pending) throws IOException {
        workTree.stageAll(".");
        var id = workTree.commit("update: " + pending.from() + " -> " + pending.to());
        workTree.setRef(UPSTREAM_REF, pending.newUpstream(), "course " + pending.to());
        deletePending();
        return id;
    }

    /** Back to the commit before the update, its course-owned files included. */
    void abort(Pending pending, IgnoreRules rules) throws IOException {
        try {
            org.eclipse.jgit.api.Git.wrap(repository)
                    .reset()
                    .setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
                    .setRef(pending.before().name())
                    .call();
        } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
            throw new IOException("git: " + e.getMessage(), e);
        }
        // Files the merge added that the reset left behind (with their now empty directories).
        var before = files(pending.before());
        for (var path : files(pending.newUpstream()).keySet()) {
            if (!rules.ignores(path) && !before.containsKey(path) && !WORKSPACE_FILES.contains(path)) {
                delete(path);
            }
        }
        layCourseOwned(pending.newUpstream(), pending.oldUpstream(), rules);
        deletePending();
    }

    Optional<Pending> pending() throws IOException {
        var file = pendingFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        var properties = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return Optional.of(new Pending(
                ObjectId.fromString(properties.getProperty("before")),
                ObjectId.fromString(properties.getProperty("old_upstream")),
                ObjectId.fromString(properties.getProperty("new_upstream")),
                properties.getProperty("from"),
                properties.getProperty("to")));
    }

    private void writePending(Pending pending) throws IOException {
        var properties = new Properties();
        properties.setProperty("before", pending.before().name());
        properties.setProperty("old_upstream", pending.oldUpstream().name());
        properties.setProperty("new_upstream", pending.newUpstream().name());
        properties.setProperty("from", pending.from());
        properties.setProperty("to", pending.to());
        Files.createDirectories(pendingFile().getParent());
        try (var out = Files.newBufferedWriter(pendingFile(), StandardCharsets.UTF_8)) {
            properties.store(out, "progy update in progress");
        }
    }

    private void deletePending() throws IOException {
        Files.deleteIfExists(pendingFile());
    }

    private Path pendingFile() {
        return repository.getDirectory().toPath().resolve("progy").resolve("update");
    }

    /** Writes the course-owned files of {@code to}, removing those only {@code from} had. */
    private void layCourseOwned(ObjectId from, ObjectId to, IgnoreRules rules) throws IOException {
        var old = files(from);
        var next = files(to);
        for (var path : old.keySet()) {
            if (rules.ignores(path) && !next.containsKey(path)) {
                delete(path);
            }
        }
        for (var entry : next.entrySet()) {
            if (rules.ignores(entry.getKey())) {
                var target = safe(entry.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, repository.open(entry.getValue().id()).getBytes());
                if (FileMode.EXECUTABLE_FILE.equals(entry.getValue().mode())) {
                    target.toFile().setExecutable(true, false);
                }
            }
        }
    }

    /** Deletes a file and the directories it leaves empty. */
    private void delete(String path) throws IOException {
        var file = safe(path);
        Files.deleteIfExists(file);
        for (var dir = file.getParent();
                dir != null && !dir.equals(root) && Files.isDirectory(dir);
                dir = dir.getParent()) {
            try (var children = Files.list(dir)) {
                if (children.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(dir);
        }
    }

    private Path safe(String path) {
        var target = root.resolve(path).normalize();
        if (!target.startsWith(root) || path.startsWith(".git/") || path.equals(".git")) {
            throw new IllegalStateException("unsafe path in the course: " + path);
        }
        return target;
    }

    // ------------------------------------------------------------------ trees

    /** The student's files of a commit: the course-owned ones and progy's own workspace files left out. */
    private Map<String, Entry> studentFiles(ObjectId commit, IgnoreRules rules) throws IOException {
        var all = files(commit);
        all.keySet().removeIf(path -> WORKSPACE_FILES.contains(path) || (rules != null && rules.ignores(path)));
        return all;
    }

    /** A file of a tree: its blob and raw Git mode (regular or executable). */
    private record Entry(ObjectId id, int mode) {}

    private Map<String, Entry> files(ObjectId commit) throws IOException {
        var files = new TreeMap<String, Entry>();
        if (commit == null) {
            return files;
        }
        try (var walk = new RevWalk(repository);
                var tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                files.put(tree.getPathString(), new Entry(tree.getObjectId(0), tree.getRawMode(0)));
            }
        }
        return files;
    }

    private ObjectId writeTree(Map<String, Entry> files) throws IOException {
        var index = DirCache.newInCore();
        var builder = index.builder();
        for (var entry : files.entrySet()) {
            var cache = new DirCacheEntry(entry.getKey());
            cache.setFileMode(FileMode.fromBits(entry.getValue().mode()));
            cache.setObjectId(entry.getValue().id());
            builder.add(cache);
        }
        builder.finish();
        try (var inserter = repository.newObjectInserter()) {
            var id = index.writeTree(inserter);
            inserter.flush();
            return id;
        }
    }

    private static boolean studentWorkedIn(String dir, Map<String, Entry> base, Map<String, Entry> ours) {
        var prefix = dir + "/";
        var mine = new TreeMap<String, Entry>();
        var theirs = new TreeMap<String, Entry>();
        ours.forEach((path, id) -> {
            if (path.startsWith(prefix)) {
                mine.put(path, id);
            }
        });
        base.forEach((path, id) -> {
            if (path.startsWith(prefix)) {
                theirs.put(path, id);
            }
        });
        return !mine.isEmpty() && !mine.equals(theirs);
    }

    private static Set<String> exerciseDirs(Set<String> paths) {
        var dirs = new TreeSet<String>();
        for (var path : paths) {
            var dir = exerciseDir(path);
            if (dir != null) {
                dirs.add(dir);
            }
        }
        return dirs;
    }

    /** {@code content/<module>/<exercise>} of a file inside an exercise, else null. */
    static String exerciseDir(String path) {
        var parts = path.split("/");
        if (parts.length < 4 || !parts[0].equals("content")) {
            return null;
        }
        return parts[0] + "/" + parts[1] + "/" + parts[2];
    }
}
