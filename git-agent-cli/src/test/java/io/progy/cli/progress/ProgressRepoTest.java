package io.progy.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.StudentCourses;
import io.progy.format.Exercise;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local side of {@link ProgressRepo}: what its commits hold, what it counts, and how it takes turns. */
class ProgressRepoTest {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @BeforeEach
    void workspace() throws Exception {
        new ProgyToml("@test/student", "1.0.0", "0".repeat(64), "http://127.0.0.1:9", "").write(dir);
        StudentCourses.write(dir.resolve(".gitignore"), "/README.md\ncontent/**/README.md\n/.progy/\n");
        StudentCourses.write(dir.resolve("README.md"), "# The course\n");
        StudentCourses.write(dir.resolve("content/m/01_a/README.md"), "# A\n");
        StudentCourses.write(dir.resolve("content/m/01_a/answer.txt"), "todo\n");
        StudentCourses.write(dir.resolve("content/m/02_b/answer.txt"), "todo\n");
        try (var repo = ProgressRepo.create(dir, GitRemote.NONE, TIMEOUT)) {
            repo.commitInitial();
        }
    }

    ProgressRepo open() throws Exception {
        return ProgressRepo.open(dir, GitRemote.NONE, TIMEOUT);
    }

    @Test
    void theFirstCommitHoldsTheStudentsFilesButNotTheCoursesOwn() throws Exception {
        assertThat(files(head()))
                .containsExactly(".gitignore", "content/m/01_a/answer.txt", "content/m/02_b/answer.txt", "progy.toml");
        assertThat(head().getFullMessage()).isEqualTo(ProgressRepo.INITIAL_COMMIT);
    }

    @Test
    void aPassCommitsTheExercisesFilesOnlyAndIsMadeEvenWithoutChanges() throws Exception {
        StudentCourses.write(dir.resolve("content/m/01_a/answer.txt"), "ok\n");
        StudentCourses.write(dir.resolve("content/m/01_a/Helper.java"), "class Helper {}\n");
        StudentCourses.write(dir.resolve("content/m/02_b/answer.txt"), "half done\n");
        try (var repo = open()) {
            repo.commitPassed(exercise("01_a"));
            assertThat(head().getFullMessage()).isEqualTo("Lesson m/01_a: completed");
            assertThat(files(head())).contains("content/m/01_a/Helper.java");
            assertThat(content(head(), "content/m/02_b/answer.txt")).isEqualTo("todo\n");

            repo.commitPassed(exercise("01_a"));
            assertThat(head().getFullMessage()).isEqualTo("Lesson m/01_a: completed");
            assertThat(repo.completedLessons()).containsExactly("m/01_a");
            assertThat(repo.unpushedCount()).as("never uploaded: every commit").isEqualTo(3);
        }
    }

    @Test
    void saveCommitsNewChangedAndDeletedFilesAndNothingWhenThereIsNothing() throws Exception {
        StudentCourses.write(dir.resolve("content/m/01_a/answer.txt"), "ok\n");
        StudentCourses.write(dir.resolve("content/m/01_a/README.md"), "# my notes in the course's file\n");
        StudentCourses.write(dir.resolve("notes.md"), "mine\n");
        Files.delete(dir.resolve("content/m/02_b/answer.txt"));
        try (var repo = open()) {
            assertThat(repo.save("Work in progress")).isPresent();
            assertThat(head().getFullMessage()).isEqualTo("Work in progress");
            assertThat(files(head()))
                    .contains("notes.md", "content/m/01_a/answer.txt")
                    .doesNotContain("content/m/02_b/answer.txt", "content/m/01_a/README.md");
            assertThat(repo.save("again")).isEmpty();
        }
    }

    @Test
    void withoutALoginASyncKeepsEverythingCommittedHere() throws Exception {
        StudentCourses.write(dir.resolve("notes.md"), "mine\n");
        try (var repo = open()) {
            var result = repo.sync();
            assertThat(result).isInstanceOf(SyncResult.Unauthorized.class);
            assertThat(((SyncResult.Unauthorized) result).unpushed()).isEqualTo(2);
            assertThat(SyncReport.exitCode(result)).isEqualTo(ExitCode.AUTH);
            assertThat(head().getFullMessage()).isEqualTo(ProgressRepo.SAVE_MESSAGE);
            assertThat(repo.upload()).isInstanceOf(SyncResult.Unauthorized.class);
        }
    }

    @Test
    void progyWorksOnMainOnly() throws Exception {
        try (var git = Git.open(dir.toFile())) {
            git.checkout().setCreateBranch(true).setName("experiment").call();
        }
        try (var repo = open()) {
            assertThatThrownBy(() -> repo.save("x"))
                    .isInstanceOf(CliException.class)
                    .hasMessageContaining("is on experiment, not on main")
                    .extracting(e -> ((CliException) e).exitCode())
                    .isEqualTo(ExitCode.CONFLICT);
        }
    }

    @Test
    void threadsTakeTurnsOnOneWorkingCopy() throws Exception {
        var pool = Executors.newFixedThreadPool(6);
        try {
            var tasks = new ArrayList<CompletableFuture<Void>>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                tasks.add(CompletableFuture.runAsync(
                        () -> {
                            try (var repo = open()) {
                                for (int i = 0; i < 5; i++) {
                                    StudentCourses.write(
                                            dir.resolve("content/m/01_a/t" + thread + "-" + i + ".txt"), "x\n");
                                    if (i % 2 == 0) {
                                        repo.commitPassed(exercise("01_a"));
                                    } else {
                                        repo.save("thread " + thread + " save " + i);
                                    }
                                }
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        pool));
            }
            CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }
        try (var git = Git.open(dir.toFile())) {
            assertThat(git.status().call().isClean()).isTrue();
            int passes = 0;
            for (var commit : git.log().call()) {
                passes += commit.getShortMessage().equals("Lesson m/01_a: completed") ? 1 : 0;
            }
            assertThat(passes).as("every pass committed").isEqualTo(6 * 3);
        }
        assertThat(files(head()).stream().filter(f -> f.matches("content/m/01_a/t\\d-\\d\\.txt")))
                .hasSize(30);
        assertThat(dir.resolve(".git/index.lock")).doesNotExist();
    }

    @Test
    void aWorkingCopyHeldByAnotherProgyMakesTheNextOneWaitThenGiveUp() throws Exception {
        try (var channel = FileChannel.open(
                        dir.resolve(".git").resolve(WorkingCopyLock.FILE_NAME),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                var held = channel.lock();
                var repo = ProgressRepo.open(dir, GitRemote.NONE, Duration.ofMillis(300))) {
            StudentCourses.write(dir.resolve("notes.md"), "mine\n");
            long start = System.nanoTime();
            assertThatThrownBy(() -> repo.save("blocked"))
                    .isInstanceOf(CliException.class)
                    .hasMessageContaining("another progy command is working on this course");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
        try (var repo = open()) {
            assertThat(repo.save("free again")).isPresent();
        }
    }

    private Exercise exercise(String name) {
        return StudentCourses.exercise(dir, "m", name);
    }

    private RevCommit head() throws Exception {
        try (var git = Git.open(dir.toFile())) {
            return git.log().setMaxCount(1).call().iterator().next();
        }
    }

    private List<String> files(RevCommit commit) throws Exception {
        try (var git = Git.open(dir.toFile())) {
            return GitTrees.files(git.getRepository(), commit);
        }
    }

    private String content(RevCommit commit, String path) throws Exception {
        try (var git = Git.open(dir.toFile());
                var walk = TreeWalk.forPath(git.getRepository(), path, commit.getTree())) {
            return new String(
                    git.getRepository().open(walk.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
