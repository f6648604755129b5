package io.progy.cli.init;

import io.progy.cli.CliException;
import io.progy.cli.FileTrees;
import io.progy.cli.progress.CommittedPasses;
import io.progy.cli.progress.CourseUpdate;
import io.progy.cli.progress.GitRemote;
import io.progy.cli.progress.IgnoreRules;
import io.progy.cli.progress.ProgressRepo;
import io.progy.cli.progress.ProgressRepo.RemoteStart;
import io.progy.cli.progress.ProgyToml;
import io.progy.cli.progress.SyncResult;
import io.progy.format.InvalidArchiveException;
import io.progy.format.SafeUnpacker;
import io.progy.format.SemVer;
import io.progy.format.UnpackLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.jgit.lib.Constants;

/**
 * A student's working copy of a course: the unpacked course, {@code progy.toml}, a {@code .gitignore} keeping
 * course-owned files out of the student's repository, and a Git repository on branch {@code main}. A new student
 * gets the first commit "init: Start course", published to their progress repository when there is one; on a
 * second device the repository's history is checked out instead, with the course-owned files laid under it from
 * the package of the version that history records.
 */
final class Workspace {
    /**
     * Course files that come from the package and are restored by later updates, so they never enter the
     * student's history: module READMEs, info.toml, quizzes, the runner, check results and progy's local state.
     */
    static final String GITIGNORE = """
            # Course-owned files: they come from the course package (progy restores and updates them),
            # so they stay out of your repository.
            /README.md
            content/**/README.md
            content/**/info.toml
            content/**/quiz.json
            /runner/
            # Written by each check
            content/**/results.json
            # Local progy state
            /.progy/
            """;

    /** How {@link #create} set the workspace up. */
    sealed interface Outcome {
        /** A fresh start: the first commit, and how its upload went (empty: no progress repository asked). */
        record Started(ProgyToml settings, Optional<SyncResult> upload) implements Outcome {}

        /** The student's work from their progress repository, on course version {@code settings.version()}. */
        record Restored(ProgyToml settings, int commits, int passes) implements Outcome {}
    }

    /** Gets the verified package of another version of the course (the one a restored history was made with). */
    interface PackageSource {
        FetchedCourse exact(String version) throws IOException;
    }

    private Workspace() {}

    /** Exit 3 unless {@code dir} is absent or an empty directory. */
    static void requireEmptyOrAbsent(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw CliException.conflict(dir + " exists and is not a directory; choose another target directory");
        }
        try (var children = Files.list(dir)) {
            if (children.findAny().isPresent()) {
                throw CliException.conflict(
                        dir + " is not empty; choose a new or empty directory (progy init COURSE DIR)");
            }
        }
    }

    /**
     * Creates the workspace in {@code dir} (absent or empty) from a verified package. With a {@code remote}, the
     * progress repository decides: empty, the first commit is pushed to it; with history, that history is checked
     * out; unreachable, the workspace starts local. On any failure, removes everything it created: the directory
     * and any parents it had to create, or only the new contents when the directory existed before.
     */
    static Outcome create(
            Path dir,
            PendingCourse pending,
            Function<FetchedCourse, ProgyToml> settingsOf,
            GitRemote remote,
            PackageSource packages)
            throws IOException {
        requireEmptyOrAbsent(dir);
        boolean existed = Files.isDirectory(dir);
        var firstCreated = dir;
        while (firstCreated.getParent() != null && !Files.exists(firstCreated.getParent())) {
            firstCreated = firstCreated.getParent();
        }
        try (var repo = ProgressRepo.create(dir, remote, ProgressRepo.DEFAULT_TIMEOUT)) {
            var start = remote == GitRemote.NONE ? null : repo.fetchForInit();
            if (start instanceof RemoteStart.History history) {
                repo.checkoutRemote(); // while the package may still be on its way
                var course = pending.get();
                return restore(dir, repo, history, course, settingsOf.apply(course), packages);
            }
            var course = pending.get();
            var settings = settingsOf.apply(course);
            unpackCourse(dir, repo, course.artifact(), settings);
            repo.commitInitial();
            if (start == null) {
                return new Outcome.Started(settings, Optional.empty());
            }
            return new Outcome.Started(
                    settings,
                    Optional.of(
                            start instanceof RemoteStart.Unavailable unavailable
                                    ? unavailable.failure()
                                    : repo.upload()));
        } catch (IOException | RuntimeException | Error e) {
            if (existed) {
                deleteTree(dir, true);
            } else {
                deleteTree(firstCreated, false);
            }
            throw e;
        }
    }

    /** Lays the course-owned files of the checked-out history's version under it. */
    private static Outcome restore(
            Path dir,
            ProgressRepo repo,
            RemoteStart.History history,
            FetchedCourse course,
            ProgyToml settings,
            PackageSource packages)
            throws IOException {
        var recorded = history.progyToml().flatMap(Workspace::parse);
        var package_ = course;
        if (recorded.isPresent()
                && recorded.get().course().equals(settings.course())
                && SemVer.isValid(recorded.get().version())
                && !recorded.get().version().equals(course.version())) {
            package_ = packages.exact(recorded.get().version());
        }
        var rules = IgnoreRules.parse(history.gitignore().orElse(GITIGNORE));
        layCourseOwnedFiles(dir, repo, package_, rules);
        var restored = Files.isRegularFile(dir.resolve(ProgyToml.FILE_NAME))
                ? ProgyToml.read(dir)
                : new ProgyToml(
                        package_.name(), package_.version(), package_.sha256(), settings.server(), settings.repoUrl());
        return new Outcome.Restored(restored, history.commits(), CommittedPasses.record(dir, repo));
    }

    private static Optional<ProgyToml> parse(String text) {
        try {
            return Optional.of(ProgyToml.parse(text, "the progy.toml in your progress repository"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // then the requested version it is
        }
    }

    private static void unpackCourse(Path dir, ProgressRepo repo, Path artifact, ProgyToml settings)
            throws IOException {
        placePackage(dir, repo, settings.version(), artifact, null);
        settings.write(dir);
        writeGitignore(dir.resolve(".gitignore"));
    }

    /** Lays the package's files that the history's .gitignore keeps out (READMEs, info.toml, quizzes, runner). */
    private static void layCourseOwnedFiles(Path dir, ProgressRepo repo, FetchedCourse course, IgnoreRules rules)
            throws IOException {
        placePackage(dir, repo, course.version(), course.artifact(), rules);
    }

    /**
     * Reads the package once: records its files as the installed version ({@link ProgressRepo#recordUpstream}) and
     * writes into the working copy every file, or with {@code only} the files those rules ignore and the working
     * copy lacks. Nothing goes through a scratch directory: each file is written once, where it belongs.
     */
    private static void placePackage(Path dir, ProgressRepo repo, String version, Path artifact, IgnoreRules only)
            throws IOException {
        var writer = new CourseFileWriter(dir);
        repo.recordUpstream(
                visitor -> packageFiles(artifact).read((name, content) -> {
                    visitor.file(name, content);
                    if (only == null) {
                        writer.write(name, content);
                    } else if (only.ignores(name)) {
                        writer.writeIfAbsent(name, content);
                    }
                }),
                version);
    }

    /**
     * The package as a commit on the upstream ref of {@code dir}'s repository: moving the ref ({@code record}) or
     * only on top of it (a candidate for {@code progy update}).
     */
    static org.eclipse.jgit.lib.ObjectId packageCommit(
            Path dir, ProgressRepo repo, FetchedCourse course, boolean record) throws IOException {
        var files = packageFiles(course.artifact());
        return record ? repo.recordUpstream(files, course.version()) : repo.upstreamCandidate(files, course.version());
    }

    /** The checked files of a package; one under {@code .git/} would reach into the repository, so it is refused. */
    private static CourseUpdate.PackageFiles packageFiles(Path artifact) {
        return visitor -> SafeUnpacker.read(artifact, UnpackLimits.DEFAULT, (name, content) -> {
            var first = name.split("/", 2)[0];
            if (first.equalsIgnoreCase(Constants.DOT_GIT)) {
                throw new InvalidArchiveException(name, "a course package cannot hold files under .git/");
            }
            visitor.file(name, content);
        });
    }

    /**
     * Writes package files into the working copy, never through a symbolic link: the restored history decides what
     * is on disk, so each directory on the way is checked (once) to be a real directory inside the working copy.
     */
    private static final class CourseFileWriter {
        private final Path root;
        private final Set<Path> checked = new HashSet<>();

        CourseFileWriter(Path root) {
            this.root = root;
        }

        /** Writes a new file; it must not exist. */
        void write(String name, byte[] content) throws IOException {
            var target = target(name);
            Files.write(
                    target,
                    content,
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        }

        /** Writes the file unless something is there already (the student's own version wins). */
        void writeIfAbsent(String name, byte[] content) throws IOException {
            try {
                write(name, content);
            } catch (FileAlreadyExistsException e) {
                // kept as it is
            }
        }

        private Path target(String name) throws IOException {
            var target = root.resolve(name).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw new InvalidArchiveException(name, "path escapes the working copy");
            }
            directory(target.getParent());
            return target;
        }

        private void directory(Path dir) throws IOException {
            if (dir.equals(root) || checked.contains(dir)) {
                return;
            }
            directory(dir.getParent());
            if (Files.isSymbolicLink(dir)) {
                throw CliException.conflict(root.relativize(dir) + " is a symbolic link in the working copy;"
                        + " progy does not write course files through it");
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(dir);
            }
            checked.add(dir);
        }
    }

    /** Keeps a course's own .gitignore, adding progy's rules after it. */
    private static void writeGitignore(Path file) throws IOException {
        var existing = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!existing.isEmpty() && !existing.endsWith("\n")) {
            existing += "\n";
        }
        Files.writeString(file, existing + GITIGNORE, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir, boolean keepDir) {
        try {
            FileTrees.delete(dir, keepDir);
        } catch (IOException e) {
            // best effort: the original failure is what the user needs to see
        }
    }
}
