package io.progy.cli.update;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.cli.Cli;
import io.progy.cli.EmbeddedServer;
import io.progy.cli.StudentCourses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code progy update} through the real CLI main against the real orchestrator (H2, in this JVM) with two published
 * versions of a small course: files the student left, edited or deleted, in exercises the course left, changed,
 * removed or renamed; a true conflict (exit 3, markers), --dry-run, --abort, and the finished update.
 */
class CourseUpdateIT {
    static final String PASSWORD = "correct horse battery";
    static final String COURSE = "@teach/upd";
    static final String M = "content/01_basics/";

    @TempDir
    static Path work;

    static EmbeddedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedServer.startUnlimited(work.resolve("server-data"));
        var instructor = new Cli(work.resolve("instructor-home"), server.url());
        ok(instructor.runWithInput(
                PASSWORD + "\n", "signup", "--username", "teach", "--email", "teach@example.org", "--password-stdin"));
        var runner = StudentCourses.shellRunner(30);
        var v1 = StudentCourses.course(
                work.resolve("v1"),
                COURSE,
                runner,
                "01_basics",
                "01_hello",
                "02_bye",
                "03_three",
                "04_four",
                "05_old",
                "06_gone");
        StudentCourses.write(v1.resolve(M + "03_three/notes.txt"), "a\nb\nc\nd\n");
        StudentCourses.write(v1.resolve(M + "03_three/extra.txt"), "extra\n");
        ok(instructor.run("publish", v1.toString(), "--skip-check"));
        var v2 = StudentCourses.course(
                work.resolve("v2"), COURSE, runner, "01_basics", "01_hello", "02_bye", "03_three", "04_four", "07_new");
        var json = v2.resolve("course.json");
        Files.writeString(json, Files.readString(json).replace("1.0.0", "1.1.0"));
        StudentCourses.write(v2.resolve(M + "01_hello/answer.txt"), "todo: write ok\n");
        StudentCourses.write(v2.resolve(M + "01_hello/README.md"), "# Say hello, version 2\n");
        StudentCourses.write(v2.resolve(M + "01_hello/hints.md"), "A better hint.\n");
        StudentCourses.write(v2.resolve(M + "03_three/notes.txt"), "A\nb\nc\nd\n");
        StudentCourses.write(v2.resolve(M + "03_three/extra.txt"), "extra\n");
        StudentCourses.write(v2.resolve(M + "02_bye/README.md"), "# Say bye, and check again\n");
        StudentCourses.write(v2.resolve(M + "04_four/answer.txt"), "the course's four\n");
        ok(instructor.run("publish", v2.toString(), "--skip-check"));
        // 1.2.0, yanked: never offered. 2.0.0: another major version, only with --to.
        for (var version : java.util.List.of("1.2.0", "2.0.0")) {
            Files.writeString(json, Files.readString(json).replaceAll("\\d+\\.\\d+\\.\\d+", version));
            ok(instructor.run("publish", v2.toString(), "--skip-check"));
        }
        ok(instructor.run("yank", COURSE + "@1.2.0"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void updateMergesTheNewVersionAndConflictsAreLeftToTheStudent() throws Exception {
        var cli = new Cli(work.resolve("ana-home"), server.url());
        cli.env.put("PATH", System.getenv("PATH"));
        cli.signup("ana", PASSWORD);
        ok(cli.runWithInput(PASSWORD + "\n", "login", "--username", "ana", "--password-stdin"));
        var dir = work.resolve("ana");
        ok(cli.run("init", COURSE + "@1.0.0", dir.toString()));
        write(dir, M + "02_bye/answer.txt", "ok\n"); // edited, course unchanged (its README changed)
        ok(run(cli, dir, "test", "bye"));
        Files.delete(dir.resolve(M + "03_three/extra.txt")); // deleted, course unchanged
        Files.delete(dir.resolve(M + "01_hello/hints.md")); // deleted, course changed
        Files.delete(dir.resolve(M + "06_gone/answer.txt")); // deleted, exercise renamed to 07_new
        write(dir, M + "03_three/notes.txt", "a\nb\nc\nD\n"); // edited, course changed other lines
        write(dir, M + "04_four/answer.txt", "my four\n"); // edited, course changed the same line
        write(dir, M + "05_old/answer.txt", "my old work\n"); // edited, exercise removed
        Files.delete(dir.resolve(M + "02_bye/answer.txt").resolveSibling("README.md")); // course-owned: comes back
        ok(run(cli, dir, "save", "-m", "My work"));
        var before = head(dir);
        var beforeCommits = commits(dir);
        try (var git = Git.open(dir.toFile())) {
            assertThat(git.getRepository().resolve("refs/progy/upstream")).isNotNull(); // recorded by init
            // As in a workspace started before versions were recorded: update rebuilds it from the package.
            var delete = git.getRepository().updateRef("refs/progy/upstream");
            delete.setForceUpdate(true);
            assertThat(delete.delete()).isEqualTo(org.eclipse.jgit.lib.RefUpdate.Result.FORCED);
        }

        assertThat(run(cli, dir, "outdated").out()).contains(COURSE + " 1.0.0 -> 1.1.0 available");
        assertThat(run(cli, dir, "status").out())
                .contains("1 of 6 exercises done")
                .endsWith("A newer version of the course is out: 1.1.0 (see `progy update --dry-run`).\n");

        var dry = run(cli, dir, "update", "--dry-run");
        ok(dry);
        assertThat(dry.out())
                .contains("Would update " + COURSE + " 1.0.0 -> 1.1.0")
                .contains("update  " + M + "01_hello/answer.txt")
                .contains("merge  " + M + "03_three/notes.txt")
                .contains("merge  " + M + "04_four/answer.txt")
                .contains("delete  " + M + "06_gone/answer.txt")
                .contains("add  " + M + "07_new/answer.txt")
                .contains("Kept (removed from the course, but they hold your work):\n  " + M + "05_old")
                .contains("Removed exercises:\n  " + M + "06_gone\n")
                .contains("run their check again (progy test):\n  " + M + "02_bye\n")
                .contains(
                        "Conflicts (left with markers):\n  " + M + "01_hello/hints.md\n  " + M + "04_four/answer.txt\n")
                .doesNotContain("02_bye/answer.txt")
                .doesNotContain("extra.txt");
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                        run(cli, dir, "update", "--dry-run", "--format", "json").out());
        assertThat(json.get("status").asText()).isEqualTo("planned");
        assertThat(json.get("from").asText() + " -> " + json.get("to").asText()).isEqualTo("1.0.0 -> 1.1.0");
        var changes = new java.util.ArrayList<String>();
        json.get("changes")
                .forEach(c -> changes.add(
                        c.get("action").asText() + "  " + c.get("path").asText()));
        assertThat(changes).contains("delete  " + M + "06_gone/answer.txt", "add  " + M + "07_new/answer.txt");
        assertThat(json.get("rerun_exercises").toString()).isEqualTo("[\"" + M + "02_bye\"]");
        assertThat(json.get("kept_exercises").toString()).isEqualTo("[\"" + M + "05_old\"]");
        assertThat(json.get("conflicts").toString())
                .isEqualTo("[\"" + M + "01_hello/hints.md\",\"" + M + "04_four/answer.txt\"]");
        assertThat(json.get("commit").isNull()).isTrue();
        assertThat(head(dir)).isEqualTo(before);
        assertThat(read(dir, "progy.toml")).contains("version = \"1.0.0\"");
        assertThat(read(dir, M + "01_hello/answer.txt")).isEqualTo("todo\n");
        assertClean(dir);

        var conflict = run(cli, dir, "update");
        assertThat(conflict.exitCode()).as("%s", conflict).isEqualTo(3);
        assertThat(conflict.out())
                .contains("Fix the <<<<<<< markers in:\n  " + M + "01_hello/hints.md\n  " + M
                        + "04_four/answer.txt\nthen run `progy update` again");
        assertThat(read(dir, M + "04_four/answer.txt"))
                .contains("<<<<<<< ")
                .contains("my four")
                .contains("the course's four")
                .contains(">>>>>>> ");
        assertThat(read(dir, M + "01_hello/README.md")).isEqualTo("# Say hello, version 2\n");
        assertThat(head(dir)).isEqualTo(before);

        var abort = run(cli, dir, "update", "--abort");
        ok(abort);
        assertThat(head(dir)).isEqualTo(before);
        assertThat(read(dir, M + "04_four/answer.txt")).isEqualTo("my four\n");
        assertThat(read(dir, M + "01_hello/answer.txt")).isEqualTo("todo\n");
        assertThat(read(dir, M + "01_hello/README.md")).isEqualTo("# Say hello\n");
        assertThat(read(dir, "progy.toml")).contains("version = \"1.0.0\"");
        assertThat(dir.resolve(M + "07_new")).doesNotExist();
        assertClean(dir);
        assertThat(run(cli, dir, "status").out()).doesNotContain("Changed by a course update");

        assertThat(run(cli, dir, "update").exitCode()).isEqualTo(3);
        var stillMarked = run(cli, dir, "update");
        assertThat(stillMarked.exitCode()).isEqualTo(3);
        assertThat(stillMarked.out()).contains("still has conflict markers in:\n  " + M + "04_four/answer.txt");
        write(dir, M + "04_four/answer.txt", "my four, after the course's\n");
        Files.deleteIfExists(dir.resolve(M + "01_hello/hints.md")); // the student keeps their deletion
        var done = run(cli, dir, "update");
        ok(done);
        assertThat(done.out()).contains("Updated: update: 1.0.0 -> 1.1.0");

        assertThat(read(dir, M + "01_hello/answer.txt")).isEqualTo("todo: write ok\n"); // untouched: new
        assertThat(dir.resolve(M + "01_hello/hints.md")).doesNotExist();
        assertThat(read(dir, M + "02_bye/answer.txt")).isEqualTo("ok\n"); // student's change stays
        assertThat(read(dir, M + "02_bye/README.md")).isEqualTo("# Say bye, and check again\n"); // course-owned
        assertThat(dir.resolve(M + "03_three/extra.txt")).doesNotExist(); // the student's deletion stays
        assertThat(read(dir, M + "03_three/notes.txt")).isEqualTo("A\nb\nc\nD\n"); // merged line by line
        assertThat(read(dir, M + "05_old/answer.txt")).isEqualTo("my old work\n"); // removed, kept
        assertThat(dir.resolve(M + "06_gone")).doesNotExist(); // removed, untouched: gone
        assertThat(read(dir, M + "07_new/answer.txt")).isEqualTo("todo\n"); // new (06 renamed to 07)
        assertThat(read(dir, M + "info.toml")).contains("07_new").doesNotContain("06_gone");
        assertThat(read(dir, "progy.toml")).contains("version = \"1.1.0\"");
        assertClean(dir);
        try (var git = Git.open(dir.toFile());
                var walk = new RevWalk(git.getRepository())) {
            var head = walk.parseCommit(git.getRepository().resolve("main"));
            assertThat(head.getShortMessage()).isEqualTo("update: 1.0.0 -> 1.1.0");
            assertThat(head.getParent(0).getId()).isEqualTo(before);
            for (var commit : beforeCommits) {
                assertThat(walk.isMergedInto(walk.parseCommit(commit), head)).isTrue();
            }
            assertThat(git.getRepository().resolve("refs/remotes/origin/main")).isEqualTo(head.getId());
            var upstream = walk.parseCommit(git.getRepository().resolve("refs/progy/upstream"));
            assertThat(upstream.getFullMessage()).isEqualTo("course 1.1.0\n");
            assertThat(walk.parseCommit(upstream.getParent(0)).getFullMessage()).isEqualTo("course 1.0.0\n");
        }
        assertThat(run(cli, dir, "outdated").out()).contains("1.1.0 is up to date");
        assertThat(run(cli, dir, "status").out())
                .contains("1 of 5 exercises done") // the pass of bye is kept
                .contains("Changed by a course update since you passed them: 01_basics/02_bye;")
                .doesNotContain("newer version");
        assertThat(run(cli, dir, "list").out())
                .containsPattern("↻ bye +01_basics/02_bye  \\(changed by an update: run its check again\\)");
        assertThat(read(dir, ".progy/state.json")).contains("\"rerun\" : true");
        ok(run(cli, dir, "test", "bye"));
        assertThat(run(cli, dir, "status").out())
                .contains("1 of 5 exercises done")
                .doesNotContain("Changed by a course update");
        assertThat(run(cli, dir, "update").out()).contains(COURSE + "@1.1.0 is up to date (newest in ^1.1.0: 1.1.0)");
        var major = run(cli, dir, "update", "--to", "^2", "--dry-run");
        ok(major);
        assertThat(major.out()).isEqualTo("Would update " + COURSE + " 1.1.0 -> 2.0.0\n  update  course.json\n");
    }

    static Cli.Result run(Cli cli, Path dir, String... args) {
        var all = new ArrayList<>(java.util.List.of(args));
        all.add("--dir");
        all.add(dir.toString());
        return cli.run(all.toArray(String[]::new));
    }

    static void write(Path dir, String path, String text) throws Exception {
        StudentCourses.write(dir.resolve(path), text);
    }

    static String read(Path dir, String path) throws Exception {
        return Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
    }

    static org.eclipse.jgit.lib.ObjectId head(Path dir) throws Exception {
        try (var git = Git.open(dir.toFile())) {
            return git.getRepository().resolve("main");
        }
    }

    static java.util.List<org.eclipse.jgit.lib.ObjectId> commits(Path dir) throws Exception {
        var ids = new ArrayList<org.eclipse.jgit.lib.ObjectId>();
        try (var git = Git.open(dir.toFile())) {
            git.log().call().forEach(commit -> ids.add(commit.getId()));
        }
        return ids;
    }

    static void assertClean(Path dir) throws Exception {
        try (var git = Git.open(dir.toFile())) {
            assertThat(git.status().call().isClean()).as("nothing uncommitted").isTrue();
        }
    }

    static void ok(Cli.Result result) {
        assertThat(result.exitCode()).as("%s", result).isZero();
    }
}
