package io.progy.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.progy.cli.Cli;
import io.progy.cli.EmbeddedServer;
import io.progy.cli.StudentCourses;
import io.progy.cli.TestOutput;
import io.progy.cli.http.HttpApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One student on two computers, through the real CLI main against the real orchestrator: progress follows the
 * student, both devices edit and sync, and a conflicting edit ends with every commit of both still on the server.
 */
class TwoDeviceSyncIT {
    static final String PASSWORD = "correct horse battery";
    static final String INSTRUCTOR = "teach";
    static final String COURSE = "@" + INSTRUCTOR + "/sync";
    static final String HELLO = "content/01_basics/01_hello/answer.txt";
    static final String FOUR = "content/01_basics/04_four/answer.txt";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static EmbeddedServer server;

    /** An account, with the API token its signup stored. */
    record Student(String username, String token) {}

    /** One of a student's computers: its own PROGY_HOME and workspace directory. */
    record Device(String name, Cli cli, Path dir) {
        Cli.Result init() {
            return cli.run("init", COURSE, dir.toString());
        }

        /** A command run on the workspace ({@code --dir}). */
        Cli.Result progy(String... args) {
            var all = new ArrayList<>(List.of(args));
            all.add("--dir");
            all.add(dir.toString());
            return cli.run(all.toArray(String[]::new));
        }

        void write(String path, String text) throws IOException {
            StudentCourses.write(dir.resolve(path), text);
        }

        String read(String path) throws IOException {
            return Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
        }

        /** Solves an exercise and checks it: the pass is committed and uploaded. */
        Cli.Result solve(String exercise) throws IOException {
            write("content/01_basics/" + exercise + "/answer.txt", "ok\n");
            var result = progy("test", exercise.replaceFirst("^\\d+_", ""));
            assertThat(result.exitCode()).as("%s", result).isZero();
            return result;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedServer.start(work.resolve("server-data"), false);
        var instructor = new Cli(work.resolve("instructor-home"), server.url());
        ok(instructor.runWithInput(
                PASSWORD + "\n",
                "signup",
                "--username",
                INSTRUCTOR,
                "--email",
                INSTRUCTOR + "@example.org",
                "--password-stdin"));
        var course = StudentCourses.course(
                work.resolve("course"),
                COURSE,
                StudentCourses.shellRunner(30),
                "01_basics",
                "01_hello",
                "02_bye",
                "03_three",
                "04_four");
        ok(instructor.run("publish", course.toString(), "--skip-check"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void progressFollowsTheStudentAndAConflictLosesNoCommit() throws Exception {
        var student = signup("ana");
        var a = device(student, "ana-laptop");
        var b = device(student, "ana-desktop");
        var ledger = new WorkLedger();

        var init = a.init();
        ok(init);
        assertThat(init.out()).startsWith("Started " + COURSE + "@1.0.0 in " + a.dir());
        assertThat(init.err()).contains("Your progress repository: " + server.url() + "/git/ana/progy-teach-sync.git");
        assertThat(a.read("progy.toml")).contains("repo_url = \"" + server.url() + "/git/ana/progy-teach-sync.git\"");
        for (var exercise : List.of("01_hello", "02_bye", "03_three")) {
            var pass = a.solve(exercise);
            assertThat(pass.err())
                    .contains("Committed: Lesson 01_basics/" + exercise + ": completed")
                    .contains("Uploaded 1 commit to your progress repository.");
        }
        var status = a.progy("status");
        assertThat(status.out()).contains("3 of 4 exercises done").doesNotContain("not yet uploaded");
        try (var remote = mirror(student)) {
            assertThat(remote.log("main"))
                    .containsExactly(
                            "Lesson 01_basics/03_three: completed",
                            "Lesson 01_basics/02_bye: completed",
                            "Lesson 01_basics/01_hello: completed",
                            ProgressRepo.INITIAL_COMMIT);
        }

        // The second computer: the same work, the course's own files under it, the same progress.
        var restore = b.init();
        ok(restore);
        assertThat(restore.out()).startsWith("Started " + COURSE + "@1.0.0 in " + b.dir());
        assertThat(restore.err())
                .contains("Restored your work from your progress repository: 4 commits, 3 exercises done.");
        assertThat(trackedFiles(b.dir())).isEqualTo(trackedFiles(a.dir()));
        for (var path : trackedFiles(a.dir())) {
            assertThat(b.read(path)).as(path).isEqualTo(a.read(path));
        }
        assertThat(b.read(HELLO)).isEqualTo("ok\n");
        assertThat(b.read("content/01_basics/info.toml")).isEqualTo(a.read("content/01_basics/info.toml"));
        assertThat(b.dir().resolve("runner/check.sh")).isRegularFile();
        assertThat(b.dir().resolve("content/01_basics/01_hello/README.md")).isRegularFile();
        assertClean(b.dir());
        assertThat(b.progy("status").out()).contains("3 of 4 exercises done").contains("Current: four");

        // Both edit different files and sync.
        a.write("content/01_basics/04_four/notes.txt", "from the laptop\n");
        var aSync = a.progy("sync");
        ok(aSync);
        assertThat(aSync.out()).isEqualTo(line("Uploaded 1 commit to your progress repository."));
        b.write("content/01_basics/01_hello/notes.txt", "from the desktop\n");
        var bSync = b.progy("sync", "--format", "json");
        ok(bSync);
        var bJson = json(bSync.out());
        assertThat(bJson.path("status").asText()).isEqualTo("rebased");
        assertThat(bJson.path("received").asInt()).isEqualTo(1);
        assertThat(bJson.path("pushed").asInt()).isEqualTo(1);
        assertThat(bJson.path("unpushed_commits").asInt()).isZero();
        assertThat(b.read("content/01_basics/04_four/notes.txt")).isEqualTo("from the laptop\n");
        var aAgain = a.progy("sync");
        ok(aAgain);
        assertThat(aAgain.out()).isEqualTo(line("Took 1 commit from your other devices."));
        assertThat(a.read("content/01_basics/01_hello/notes.txt")).isEqualTo("from the desktop\n");
        ledger.record("laptop", repository(a));
        ledger.record("desktop", repository(b));

        // The same file changed on both: the desktop's sync conflicts and keeps its version on a branch.
        a.write(FOUR, "the laptop's answer\n");
        ok(a.progy("save", "-m", "Four, as the laptop sees it"));
        b.write(FOUR, "the desktop's answer\n");
        b.write("content/01_basics/02_bye/notes.txt", "only on the desktop\n");
        var conflict = b.progy("sync");
        assertThat(conflict.exitCode()).as("%s", conflict).isEqualTo(3);
        var branch = conflict.out()
                .lines()
                .filter(text -> text.startsWith("Nothing is lost"))
                .map(text -> text.replaceAll(".*branch (progy/conflict-[0-9-]+) .*", "$1"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(conflict.toString()));
        assertThat(conflict.out())
                .startsWith(line("Sync conflict: this device and another one changed the same work."))
                .contains(line("  " + FOUR + "  (changed on both devices)"))
                .contains(line("  content/01_basics/02_bye/notes.txt"))
                .contains("progy sync --resolve ours")
                .contains("git show " + branch + ":<file>");
        assertThat(b.read(FOUR)).isEqualTo("the laptop's answer\n");
        assertThat(b.dir().resolve("content/01_basics/02_bye/notes.txt")).doesNotExist();
        assertThat(b.progy("status").out()).contains("Sync conflict to resolve: your version is on " + branch);
        ledger.record("laptop", repository(a));
        ledger.record("desktop", repository(b));
        try (var remote = mirror(student)) {
            assertThat(remote.branches()).containsExactly("main", branch);
            assertThat(ledger.lostFrom(remote.repository())).isEmpty();
        }

        // Resolved with the desktop's version; the laptop takes it.
        var resolve = b.progy("sync", "--resolve", "ours");
        ok(resolve);
        assertThat(resolve.out())
                .startsWith(line("Resolved " + branch + ": kept this device's version of 2 files."))
                .contains("Uploaded 1 commit to your progress repository.");
        assertThat(b.read(FOUR)).isEqualTo("the desktop's answer\n");
        assertThat(b.read("content/01_basics/02_bye/notes.txt")).isEqualTo("only on the desktop\n");
        assertThat(b.progy("status").out()).doesNotContain("Sync conflict");
        ok(a.progy("sync"));
        assertThat(a.read(FOUR)).isEqualTo("the desktop's answer\n");
        assertThat(trackedFiles(a.dir())).isEqualTo(trackedFiles(b.dir()));
        ledger.record("laptop", repository(a));
        ledger.record("desktop", repository(b));
        try (var remote = mirror(student)) {
            // 3 passes, a note from each device (the desktop's replayed once: one work), the laptop's answer, the
            // desktop's conflicting save and the resolution.
            assertThat(ledger.size()).isEqualTo(8);
            assertThat(ledger.lostFrom(remote.repository())).isEmpty();
        }
    }

    // ------------------------------------------------------------------ helpers

    static Student signup(String username) throws IOException {
        var cli = new Cli(work.resolve(username + "-signup-home"), server.url());
        ok(cli.runWithInput(
                PASSWORD + "\n",
                "signup",
                "--username",
                username,
                "--email",
                username + "@example.org",
                "--password-stdin"));
        var credentials = JSON.readTree(Files.readString(work.resolve(username + "-signup-home/credentials.json")));
        return new Student(username, credentials.path("token").asText());
    }

    /** A computer of {@code student}'s, logged in. */
    static Device device(Student student, String name) {
        var cli = new Cli(work.resolve(name + "-home"), server.url());
        cli.env.put("PATH", System.getenv("PATH"));
        ok(cli.runWithInput(PASSWORD + "\n", "login", "--username", student.username(), "--password-stdin"));
        return new Device(name, cli, work.resolve(name));
    }

    /** What the server holds for {@code student}'s course, fetched with fresh credentials. */
    static RemoteMirror mirror(Student student) throws Exception {
        var home = Files.createTempDirectory(work, "mirror-home-");
        var remote = new ServerGitRemote(
                new HttpApi(server.url(), student.token(), TestOutput.silent()),
                student.token(),
                COURSE,
                new GitCredentialCache(home),
                TestOutput.silent());
        return RemoteMirror.create(Files.createTempDirectory(work, "mirror-")).fetch(remote.access(true));
    }

    static org.eclipse.jgit.lib.Repository repository(Device device) throws IOException {
        return Git.open(device.dir().toFile()).getRepository();
    }

    /** The files in the workspace's last commit. */
    static List<String> trackedFiles(Path dir) throws IOException {
        try (var git = Git.open(dir.toFile());
                var walk = new org.eclipse.jgit.treewalk.TreeWalk(git.getRepository())) {
            walk.addTree(git.getRepository()
                    .parseCommit(git.getRepository().resolve("HEAD"))
                    .getTree());
            walk.setRecursive(true);
            var files = new ArrayList<String>();
            while (walk.next()) {
                files.add(walk.getPathString());
            }
            return files;
        }
    }

    static void assertClean(Path dir) throws Exception {
        try (var git = Git.open(dir.toFile())) {
            assertThat(git.status().call().isClean())
                    .as("nothing uncommitted in %s", dir)
                    .isTrue();
        }
    }

    static Cli.Result ok(Cli.Result result) {
        assertThat(result.exitCode()).as("%s", result).isZero();
        return result;
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    static String line(String text) {
        return text + System.lineSeparator();
    }
}
