package io.progy.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.cli.StudentCourses;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two progy processes on one working copy (a watcher and a `progy save` in another terminal) take turns. */
class WorkingCopyLockIT {
    @TempDir
    Path tmp;

    @Test
    void aSaveInAnotherProcessWaitsForTheLockThenCommits() throws Exception {
        var dir = java.nio.file.Files.createDirectories(tmp.resolve("course"));
        new ProgyToml("@test/student", "1.0.0", "0".repeat(64), "http://127.0.0.1:9", "").write(dir);
        StudentCourses.write(dir.resolve("content/m/01_a/answer.txt"), "todo\n");
        try (var repo = ProgressRepo.create(dir, GitRemote.NONE, Duration.ofSeconds(30))) {
            repo.commitInitial();
        }
        StudentCourses.write(dir.resolve("content/m/01_a/answer.txt"), "ok\n");

        Process save;
        try (var channel = FileChannel.open(
                        dir.resolve(".git").resolve(WorkingCopyLock.FILE_NAME),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                var held = channel.lock()) {
            var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var builder = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            "io.progy.cli.Progy",
                            "save",
                            "-m",
                            "from another terminal",
                            "--dir",
                            dir.toString())
                    .redirectErrorStream(true);
            builder.environment().put("PROGY_HOME", tmp.resolve("home").toString());
            builder.environment().remove("PROGY_TOKEN");
            save = builder.start();
            assertThat(save.waitFor(3, TimeUnit.SECONDS))
                    .as("the other process waits for the lock")
                    .isFalse();
            try (var git = Git.open(dir.toFile())) {
                assertThat(git.log().setMaxCount(1).call().iterator().next().getShortMessage())
                        .isEqualTo(ProgressRepo.INITIAL_COMMIT);
            }
        }
        assertThat(save.waitFor(60, TimeUnit.SECONDS)).isTrue();
        var output = new String(save.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(save.exitValue()).as(output).isEqualTo(6); // committed; not uploaded: not logged in
        assertThat(output).contains("Saved: from another terminal (");
        try (var git = Git.open(dir.toFile())) {
            assertThat(git.log().setMaxCount(1).call().iterator().next().getShortMessage())
                    .isEqualTo("from another terminal");
            assertThat(git.status().call().isClean()).isTrue();
        }
    }
}
