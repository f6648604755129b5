package io.progy.cli.progress;

import io.progy.cli.CliException;
import io.progy.cli.progress.RemoteSession.Pushed;
import io.progy.cli.progress.RemoteSession.Unreachable;
import io.progy.cli.progress.SyncResult.Conflicted;
import io.progy.cli.progress.SyncResult.FastForwarded;
import io.progy.cli.progress.SyncResult.Offline;
import io.progy.cli.progress.SyncResult.Rebased;
import io.progy.cli.progress.SyncResult.Unauthorized;
import io.progy.cli.progress.SyncResult.UpToDate;
import io.progy.format.Exercise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.CheckoutConflictException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A student's working copy as a Git repository (branch {@code main}) and its progress repository on the server
 * ({@code origin}): the one place progy uses JGit on a working copy. Commands call intent-level methods —
 * {@link #commitPassed}, {@link #save}, {@link #sync}, {@link #upload}, {@link #resolve} — and get sealed results.
 *
 * <p>Every operation holds the working copy's {@link WorkingCopyLock}, so threads and processes take turns. No
 * operation loses a commit: a sync commits pending work first; a rebase is computed in memory and only then moves
 * {@code main} (the working tree is updated like {@code git checkout}, never over a file changed meanwhile); on a
 * conflict this device's commits are kept on a {@code progy/conflict-<time>} branch, pushed, before {@code main}
 * takes the server's version. The server refuses force pushes and deletions besides.
 */
public final class ProgressRepo implements AutoCloseable {
    public static final String BRANCH = "main";
    public static final String MAIN_REF = Constants.R_HEADS + BRANCH;
    public static final String INITIAL_COMMIT = "init: Start course";
    public static final String SAVE_MESSAGE = "Save progress";
    public static final String CONFLICT_BRANCH_PREFIX = "progy/conflict-";
    static final String REMOTE_MAIN = Constants.R_REMOTES + RemoteSession.REMOTE + "/" + BRANCH;
    static final String DEFAULT_AUTHOR = "Progy Student";
    static final String DEFAULT_EMAIL = "student@progy.local";
    /** How long network transfers and waits for the lock may take by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern LESSON = Pattern.compile("^Lesson (.+): completed$");
    private static final DateTimeFormatter CONFLICT_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** How often a sync starts over when the server moved while it worked, or a file changed under it. */
    private static final int MAX_ROUNDS = 4;

    /** Which version {@link #resolve} keeps of the files a conflict concerns. */
    public enum Side {
        /** This device's version, kept on the conflict branch. */
        OURS,
        /** The server's version: what the working copy shows after the conflict (with any edits made since). */
        THEIRS
    }

    /**
     * A commit of {@code main}.
     *
     * @param uploaded whether the server has it (as of the last contact)
     */
    public record Commit(String id, String message, Instant when, boolean uploaded) {}

    /** What {@link #resolve} did: the branches it joined back into {@code main}, the files, then the sync. */
    public record Resolution(List<String> branches, Side side, List<String> files, SyncResult sync) {}

    /** What the server holds when a workspace is started ({@link #fetchForInit}). */
    public sealed interface RemoteStart {
        /** An empty repository: this device publishes the first commit. */
        record Empty() implements RemoteStart {}

        /** Work from another device; {@code progyToml} and {@code gitignore} are its files of those names. */
        record History(int commits, Optional<String> progyToml, Optional<String> gitignore) implements RemoteStart {}

        /** The server could not be reached: the workspace starts local. */
        record Unavailable(SyncResult failure) implements RemoteStart {}
    }

    private final Path root;
    private final Repository repository;
    private final WorkingTree workTree;
    private final WorkingCopyLock lock;
    private final Duration timeout;
    private final RemoteSession remote;
    private final CommitGraph graph;
    private final CourseUpdate update;

    private ProgressRepo(Path root, Repository repository, GitRemote remote, Duration timeout) throws IOException {
        this.root = root;
        this.repository = repository;
        this.workTree = new WorkingTree(root, repository);
        this.lock = WorkingCopyLock.of(repository.getDirectory().toPath());
        this.timeout = timeout;
        this.remote = new RemoteSession(repository, remote, timeout);
        this.graph = new CommitGraph(repository);
        this.update = new CourseUpdate(root, repository, workTree);
    }

    /** Whether {@code root} holds a Git repository. */
    public static boolean exists(Path root) {
        return Files.isDirectory(root.resolve(Constants.DOT_GIT));
    }

    /** The repository of the working copy at {@code root}. */
    public static ProgressRepo open(Path root, GitRemote remote, Duration timeout) throws IOException {
        return new ProgressRepo(root, Git.open(root.toFile()).getRepository(), remote, timeout);
    }

    /** A new, empty repository at {@code root} (branch {@code main}, no commit yet). */
    public static ProgressRepo create(Path root, GitRemote remote, Duration timeout) throws IOException {
        try {
            var repository = Git.init()
                    .setDirectory(root.toFile())
                    .setInitialBranch(BRANCH)
                    .call()
                    .getRepository();
            return new ProgressRepo(root, repository, remote, timeout);
        } catch (GitAPIException e) {
            throw new IOException("git: " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    // ------------------------------------------------------------------ local commits

    /** Commits everything in the working copy that is not ignored as {@value #INITIAL_COMMIT}. */
    public ObjectId commitInitial() throws IOException {
        try (var held = lock.acquire(timeout)) {
            workTree.stageAll(".");
            return workTree.commit(INITIAL_COMMIT);
        }
    }

    /**
     * Commits the files of {@code exercise}'s directory as "Lesson &lt;id&gt;: completed" — even when nothing
     * changed, so that the commit records the pass for the student's other devices.
     */
    public ObjectId commitPassed(Exercise exercise) throws IOException {
        try (var held = lock.acquire(timeout)) {
            workTree.requireMain();
            workTree.stageAll(exercise.path());
            return workTree.commit("Lesson " + exercise.id() + ": completed");
        }
    }

    /** Commits every change in the working copy (new, changed and deleted files; ignored ones stay out). */
    public Optional<ObjectId> save(String message) throws IOException {
        try (var held = lock.acquire(timeout)) {
            workTree.requireMain();
            return workTree.commitPending(message);
        }
    }

    // ------------------------------------------------------------------ with the server

    /**
     * Sends this device's commits: a push, and when the server has moved on, a fetch and rebase first (see
     * {@link #sync}). Pending changes in the working copy are left alone.
     */
    public SyncResult upload() throws IOException {
        try (var held = lock.acquire(timeout)) {
            workTree.requireMain();
            var count = unpushedCount();
            if (count == 0) {
                return new UpToDate();
            }
            try {
                var unpushed = connect() ? unpushedCount() : count; // a commit of progy.toml counts too
                if (remote.push(MAIN_REF) == Pushed.DONE) {
                    return new SyncResult.Pushed(unpushed);
                }
                return integrateRounds();
            } catch (Unreachable e) {
                return failure(e);
            }
        }
    }

    /**
     * Commits pending work ({@value #SAVE_MESSAGE}), fetches, rebases this device's commits onto the server's and
     * pushes. On a conflict: this device's commits go to a new {@code progy/conflict-<time>} branch, pushed, and
     * {@code main} takes the server's version ({@link Conflicted} lists the files); {@link #resolve} joins them.
     */
    public SyncResult sync() throws IOException {
        try (var held = lock.acquire(timeout)) {
            workTree.requireMain();
            try {
                connect();
            } catch (Unreachable e) {
                workTree.commitPending(SAVE_MESSAGE);
                return failure(e);
            }
            workTree.commitPending(SAVE_MESSAGE);
            try {
                return integrateRounds();
            } catch (Unreachable e) {
                return failure(e);
            }
        }
    }

    /**
     * Joins every pending conflict branch back into {@code main} with a merge commit whose files are the server's
     * version ({@link Side#THEIRS}), or the server's with this device's version of the files it had changed
     * ({@link Side#OURS}); then syncs.
     */
    public Resolution resolve(Side side) throws IOException {
        try (var held = lock.acquire(timeout)) {
            workTree.requireMain();
            workTree.commitPending(SAVE_MESSAGE);
            var branches = pendingConflicts();
            var files = new TreeSet<String>();
            for (var branch : branches) {
                var mine = repository.resolve(Constants.R_HEADS + branch);
                var main = head();
                var base = graph.baseOf(mine, main);
                var changed = new LinkedHashSet<String>();
                for (var file : graph.conflictFiles(base, mine, main)) {
                    changed.add(file.path());
                }
                files.addAll(changed);
                var tree = side == Side.OURS ? graph.overlay(main, mine, changed) : graph.treeOf(main);
                var message = "Resolve sync conflict: keep " + (side == Side.OURS ? "this device's" : "the server's")
                        + " version (" + branch + ")";
                workTree.moveMain(
                        graph.commit(tree, List.of(main, mine), workTree.ident(), message), "resolve " + branch);
            }
            SyncResult sync;
            try {
                connect();
                sync = integrateRounds();
            } catch (Unreachable e) {
                sync = failure(e);
            }
            return new Resolution(branches, side, List.copyOf(files), sync);
        }
    }

    /**
     * For a workspace being started: fetches the server's repository into this new one and says whether it holds
     * work from another device.
     */
    public RemoteStart fetchForInit() throws IOException {
        try (var held = lock.acquire(timeout)) {
            try {
                remote.connect();
                remote.fetch();
            } catch (Unreachable e) {
                return new RemoteStart.Unavailable(failure(e));
            }
            var remoteMain = remoteMain();
            if (remoteMain == null) {
                return new RemoteStart.Empty();
            }
            return new RemoteStart.History(
                    graph.countAll(remoteMain),
                    workTree.readFile(remoteMain, ProgyToml.FILE_NAME),
                    workTree.readFile(remoteMain, Constants.GITIGNORE_FILENAME));
        }
    }

    /** Makes {@code main} the server's history and checks it out (into a working copy without tracked files). */
    public void checkoutRemote() throws IOException {
        try (var held = lock.acquire(timeout)) {
            var target = remoteMain();
            if (target == null) {
                throw new IllegalStateException("nothing fetched to check out");
            }
            workTree.moveMain(target, "checkout " + REMOTE_MAIN);
        }
    }

    // ------------------------------------------------------------------ course versions (see CourseUpdate)

    /** The commit of the installed course version's pristine package, or null when this working copy has none. */
    public ObjectId upstream() throws IOException {
        return update.upstream();
    }

    /** The version of {@link #upstream}, or null without one. */
    public String upstreamVersion() throws IOException {
        return update.upstreamVersion();
    }

    /** Records a package's files as the installed version on the upstream ref. */
    public ObjectId recordUpstream(CourseUpdate.PackageFiles files, String version) throws IOException {
        try (var held = lock.acquire(timeout)) {
            return update.commitPackage(files, version, true);
        }
    }

    /** A commit of a package's files on top of the upstream ref, which does not move. */
    public ObjectId upstreamCandidate(CourseUpdate.PackageFiles files, String version) throws IOException {
        try (var held = lock.acquire(timeout)) {
            return update.commitPackage(files, version, false);
        }
    }

    /** What merging {@code newUpstream} would do; nothing changes (pending work is not committed either). */
    public CourseUpdate.Plan planUpdate(ObjectId oldUpstream, ObjectId newUpstream, IgnoreRules rules)
            throws IOException {
        try (var held = lock.acquire(timeout)) {
            return update.plan(oldUpstream, newUpstream, rules);
        }
    }

    /**
     * Commits pending work, then merges the new version into the working copy. Clean: commits it as "update: from
     * -> to" after {@code beforeCommit} (which writes progy.toml) and returns no files; else the conflicted files,
     * with the update left pending ({@link #finishUpdate}, {@link #abortUpdate}).
     */
    public List<String> update(
            ObjectId oldUpstream,
            ObjectId newUpstream,
            String from,
            String to,
            IgnoreRules rules,
            IoAction beforeCommit)
            throws IOException {
        try (var held = lock.acquire(timeout)) {
            workTree.requireMain();
            workTree.commitPending(SAVE_MESSAGE);
            var plan = update.plan(oldUpstream, newUpstream, rules);
            var pending = new CourseUpdate.Pending(head(), oldUpstream, newUpstream, from, to);
            var conflicts = update.merge(plan, pending, rules);
            beforeCommit.run();
            if (conflicts.isEmpty()) {
                update.commit(pending);
            }
            return conflicts;
        }
    }

    /** An update left with conflicts, if any. */
    public Optional<CourseUpdate.Pending> pendingUpdate() throws IOException {
        return update.pending();
    }

    /** Commits a pending update once the student resolved its conflicts. */
    public ObjectId finishUpdate(CourseUpdate.Pending pending) throws IOException {
        try (var held = lock.acquire(timeout)) {
            return update.commit(pending);
        }
    }

    /** Restores the working copy of before a pending update. */
    public void abortUpdate(CourseUpdate.Pending pending, IgnoreRules rules) throws IOException {
        try (var held = lock.acquire(timeout)) {
            update.abort(pending, rules);
        }
    }

    /** Something that writes files and may fail. */
    @FunctionalInterface
    public interface IoAction {
        void run() throws IOException;
    }

    // ------------------------------------------------------------------ what the repository says

    /** How many commits of {@code main} the server does not have yet, on any branch (as of the last contact). */
    public int unpushedCount() throws IOException {
        return graph.count(head(), serverBranches());
    }

    /** The server's branches as of the last contact ({@code refs/remotes/origin/*}). */
    private List<ObjectId> serverBranches() throws IOException {
        var tips = new ArrayList<ObjectId>();
        for (var ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES + RemoteSession.REMOTE + "/")) {
            tips.add(ref.getObjectId());
        }
        return tips;
    }

    /** This device's conflict branches not yet joined back into {@code main}, oldest first. */
    public List<String> pendingConflicts() throws IOException {
        var head = head();
        var pending = new ArrayList<String>();
        for (var ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS + CONFLICT_BRANCH_PREFIX)) {
            if (head == null || !graph.isAncestor(ref.getObjectId(), head)) {
                pending.add(Repository.shortenRefName(ref.getName()));
            }
        }
        pending.sort(null);
        return pending;
    }

    /** The latest {@code limit} commits of {@code main}, newest first. */
    public List<Commit> recentCommits(int limit) throws IOException {
        var head = head();
        var commits = new ArrayList<Commit>();
        if (head == null) {
            return commits;
        }
        var notUploaded = new java.util.HashSet<ObjectId>();
        try (var walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(head));
            for (var tip : serverBranches()) {
                walk.markUninteresting(walk.parseCommit(tip));
            }
            walk.forEach(commit -> notUploaded.add(commit.copy()));
        }
        try (var walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(head));
            for (var commit : walk) {
                if (commits.size() == limit) {
                    break;
                }
                commits.add(new Commit(
                        commit.name(),
                        commit.getShortMessage(),
                        Instant.ofEpochSecond(commit.getCommitTime()),
                        !notUploaded.contains(commit)));
            }
        }
        return commits;
    }

    /** How many files have changes not committed yet (new ones included, ignored ones not). */
    public int uncommittedFiles() throws IOException {
        return workTree.uncommittedFiles();
    }

    /** When this working copy last fetched from the server, if ever. */
    public Optional<Instant> lastSync() throws IOException {
        var fetchHead = repository.getDirectory().toPath().resolve("FETCH_HEAD");
        return Files.exists(fetchHead)
                ? Optional.of(Files.getLastModifiedTime(fetchHead).toInstant())
                : Optional.empty();
    }

    /** The exercises whose "Lesson &lt;id&gt;: completed" commit is in {@code main}'s history. */
    public Set<String> completedLessons() throws IOException {
        var lessons = new TreeSet<String>();
        var head = head();
        if (head == null) {
            return lessons;
        }
        try (var walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(head));
            for (var commit : walk) {
                var matcher = LESSON.matcher(commit.getShortMessage());
                if (matcher.matches()) {
                    lessons.add(matcher.group(1));
                }
            }
        }
        return lessons;
    }

    /** The id of {@code main}'s last commit, or null before the first one. */
    public ObjectId head() throws IOException {
        return workTree.head();
    }

    @Override
    public void close() {
        repository.close();
    }

    // ------------------------------------------------------------------ sync internals

    /** Obtains credentials; true when that committed a new repository URL into progy.toml. */
    private boolean connect() throws Unreachable, IOException {
        var access = remote.connect();
        return recordRepoUrl(access.url());
    }

    /** Writes the repository URL into progy.toml when it is new there, in a commit of its own. */
    private boolean recordRepoUrl(String url) throws IOException {
        if (!Files.isRegularFile(root.resolve(ProgyToml.FILE_NAME)) || head() == null) {
            return false;
        }
        var settings = ProgyToml.read(root);
        if (settings.repoUrl().equals(url)) {
            return false;
        }
        settings.withRepoUrl(url).write(root);
        workTree.commit("Record the progress repository", ProgyToml.FILE_NAME);
        return true;
    }

    private SyncResult integrateRounds() throws Unreachable, IOException {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            remote.fetch();
            var result = integrate();
            if (result != null) {
                return result;
            }
        }
        throw CliException.conflict("the progress repository kept changing during the sync; run `progy sync` again");
    }

    /** One attempt to bring {@code main} and the server together; null when it must start over. */
    private SyncResult integrate() throws Unreachable, IOException {
        var local = head();
        var theirs = remoteMain();
        if (theirs == null) {
            if (local == null) {
                return new UpToDate();
            }
            return push();
        }
        if (theirs.equals(local)) {
            return new UpToDate();
        }
        var received = graph.count(theirs, local);
        if (local == null || graph.isAncestor(local, theirs)) {
            return moveMainOrSave(theirs, "fast-forward") ? new FastForwarded(received) : null;
        }
        if (graph.isAncestor(theirs, local)) {
            return push();
        }
        var commits = graph.toReplay(local, theirs);
        if (commits.isEmpty()) {
            // Only the course as installed on a device that started offline: take the server's history.
            return moveMainOrSave(theirs, "take " + REMOTE_MAIN) ? new FastForwarded(received) : null;
        }
        var replay = graph.replay(commits, theirs, workTree.ident());
        if (replay.conflictAt() != null) {
            var base = commits.get(0).getParent(0);
            return keepOnConflictBranch(local, theirs, base, received);
        }
        if (!moveMainOrSave(replay.head(), "rebase onto " + REMOTE_MAIN)) {
            return null;
        }
        if (remote.push(MAIN_REF) != Pushed.DONE) {
            return null;
        }
        return new Rebased(received, commits.size());
    }

    /** Pushes main; null when the server moved meanwhile. */
    private SyncResult push() throws Unreachable, IOException {
        var unpushed = unpushedCount();
        return remote.push(MAIN_REF) == Pushed.DONE ? new SyncResult.Pushed(unpushed) : null;
    }

    /**
     * The conflict: {@code local} goes to a new conflict branch on the server, then {@code main} takes the server's
     * version. If the branch cannot be pushed, nothing changes (offline: try later).
     */
    private SyncResult keepOnConflictBranch(ObjectId local, ObjectId theirs, ObjectId base, int received)
            throws Unreachable, IOException {
        var branch = newConflictBranch();
        var ref = Constants.R_HEADS + branch;
        var kept = local;
        for (int attempt = 0; ; attempt++) {
            workTree.setRef(ref, kept, "conflict with " + REMOTE_MAIN);
            boolean pushed;
            try {
                pushed = remote.push(ref) == Pushed.DONE;
            } catch (Unreachable | IOException | RuntimeException e) {
                workTree.deleteRef(ref);
                throw e;
            }
            if (!pushed) {
                workTree.deleteRef(ref);
                return null; // the name was taken meanwhile: start over with another
            }
            try {
                workTree.moveMain(theirs, "conflict: keep " + branch + ", take " + REMOTE_MAIN);
                return new Conflicted(branch, graph.conflictFiles(base, kept, theirs), received);
            } catch (CheckoutConflictException e) {
                // A file changed while syncing: it belongs to this device's version too.
                if (attempt >= MAX_ROUNDS) {
                    throw e;
                }
                workTree.commitPending(SAVE_MESSAGE);
                kept = head();
            }
        }
    }

    private String newConflictBranch() throws IOException {
        var stamp = CONFLICT_BRANCH_PREFIX + CONFLICT_TIME.format(java.time.Instant.now());
        var name = stamp;
        for (int n = 2; taken(name); n++) {
            name = stamp + "-" + n;
        }
        return name;
    }

    private boolean taken(String branch) throws IOException {
        var refs = repository.getRefDatabase();
        return refs.exactRef(Constants.R_HEADS + branch) != null
                || refs.exactRef(Constants.R_REMOTES + RemoteSession.REMOTE + "/" + branch) != null;
    }

    /** Moves main; when a file in the way was changed meanwhile, commits it instead and returns false. */
    private boolean moveMainOrSave(ObjectId target, String why) throws IOException {
        try {
            workTree.moveMain(target, why);
            return true;
        } catch (CheckoutConflictException e) {
            workTree.commitPending(SAVE_MESSAGE);
            return false;
        }
    }

    private ObjectId remoteMain() throws IOException {
        return repository.resolve(REMOTE_MAIN);
    }

    private SyncResult failure(Unreachable e) throws IOException {
        var unpushed = head() == null ? 0 : unpushedCount();
        return e.auth ? new Unauthorized(e.getMessage(), unpushed) : new Offline(e.getMessage(), unpushed);
    }
}
