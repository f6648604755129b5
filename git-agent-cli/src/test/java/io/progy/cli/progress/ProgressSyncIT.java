package io.progy.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.progy.cli.Cli;
import io.progy.cli.EmbeddedServer;
import io.progy.cli.ExitCode;
import io.progy.cli.StudentCourses;
import io.progy.cli.TestOutput;
import io.progy.cli.Workspaces;
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
 * Git-backed progress through the real CLI main against the real orchestrator (H2, in this JVM) and the real C
 * {@code git}: progress follows a student to a second computer, both edit and sync, a conflicting edit ends with
 * every commit of both still on the server; workspaces started or worked on offline upload later; one student cannot
 * reach another's repository; C git and the CLI work on the same repository; {@code watch} uploads in the background.
 */
class ProgressSyncIT {
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
        server = EmbeddedServer.startUnlimited(work.resolve("server-data"));
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

    @Test
    void aWorkspaceStartedLoggedOutOrOfflineUploadsOnItsFirstSync() throws Exception {
        var student = signup("ben");
        var loggedOut = new Device(
                "ben-train", new Cli(work.resolve("ben-train-home"), server.url()), work.resolve("ben-train"));
        loggedOut.cli().env.put("PATH", System.getenv("PATH"));

        var init = loggedOut.init();
        ok(init);
        assertThat(init.err())
                .contains("Your work stays on this computer for now (not logged in: run `progy login`): `progy sync`"
                        + " uploads it once you are logged in and online.");
        assertThat(loggedOut.read("progy.toml")).contains("repo_url = \"\"");
        var pass = loggedOut.solve("01_hello");
        assertThat(pass.err())
                .contains("Committed: Lesson 01_basics/01_hello: completed")
                .contains("Not uploaded: not logged in: run `progy login`. Your work is committed on this computer (2"
                        + " commits not yet uploaded)");
        assertThat(loggedOut.progy("status").out()).contains("2 commits not yet uploaded: `progy sync` uploads them.");
        assertThat(json(loggedOut.progy("status", "--format", "json").out())
                        .path("unpushed_commits")
                        .asInt())
                .isEqualTo(2);
        var refused = loggedOut.progy("save");
        assertThat(refused.exitCode()).as("%s", refused).isEqualTo(6);
        assertThat(refused.out()).startsWith(line("Nothing to save: no changes since the last commit."));

        ok(loggedOut.cli().runWithInput(PASSWORD + "\n", "login", "--username", "ben", "--password-stdin"));
        var save = loggedOut.progy("save", "--format", "json");
        ok(save);
        assertThat(json(save.out()).path("sync").path("status").asText()).isEqualTo("pushed");
        assertThat(json(save.out()).path("sync").path("pushed").asInt()).isEqualTo(3);
        assertThat(loggedOut.read("progy.toml")).contains("repo_url = \"" + server.url() + "/git/ben/");
        assertClean(loggedOut.dir());
        try (var remote = mirror(student)) {
            assertThat(remote.log("main"))
                    .containsExactly(
                            "Record the progress repository",
                            "Lesson 01_basics/01_hello: completed",
                            ProgressRepo.INITIAL_COMMIT);
        }

        // A computer that started the course with --offline: its own first commit, then a pass; the pass's upload
        // puts it on top of the history the server already has.
        var offline = device(student, "ben-cabin");
        Workspaces.copyTree(
                work.resolve("ben-train-home/cache"), work.resolve("ben-cabin-home/cache")); // downloaded earlier
        ok(offline.cli().run("init", COURSE, offline.dir().toString(), "--offline"));
        assertThat(offline.read(HELLO)).isEqualTo("todo\n");
        var cabinPass = offline.solve("02_bye");
        // 3 commits, or 2 when both computers made the same first commit in the same second (one commit then).
        assertThat(cabinPass.err())
                .containsPattern("Took [23] commits from your other devices and uploaded 2 commits of yours on top of"
                        + " them\\.");
        assertThat(offline.read(HELLO)).isEqualTo("ok\n");
        assertThat(offline.read("content/01_basics/02_bye/answer.txt")).isEqualTo("ok\n");
        assertClean(offline.dir());
        try (var remote = mirror(student)) {
            assertThat(remote.log("main"))
                    .startsWith("Record the progress repository", "Lesson 01_basics/02_bye: completed")
                    .contains("Lesson 01_basics/01_hello: completed")
                    .containsOnlyOnce(ProgressRepo.INITIAL_COMMIT);
        }
    }

    @Test
    void aSecondComputerGetsTheCourseVersionTheWorkWasMadeWith() throws Exception {
        var course = "@" + INSTRUCTOR + "/versions";
        var source = StudentCourses.course(
                work.resolve("versions-course"),
                course,
                StudentCourses.shellRunner(30),
                "01_basics",
                "01_hello",
                "02_bye");
        var instructor = new Cli(work.resolve("instructor-home"), server.url());
        ok(instructor.run("publish", source.toString(), "--skip-check"));
        var student = signup("hana");
        var a = device(student, "hana-laptop");
        ok(a.cli().run("init", course, a.dir().toString()));
        a.solve("01_hello");

        // The instructor publishes 1.1.0 with a third exercise; the student's work was made with 1.0.0.
        var newer = StudentCourses.course(
                work.resolve("versions-course-1.1"),
                course,
                StudentCourses.shellRunner(30),
                "01_basics",
                "01_hello",
                "02_bye",
                "03_new");
        var manifest = newer.resolve("course.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"1.0.0\"", "\"1.1.0\""));
        ok(instructor.run("publish", newer.toString(), "--skip-check"));

        var b = device(student, "hana-desktop");
        var restore = b.cli().run("init", course, b.dir().toString());
        ok(restore);
        assertThat(restore.out()).as(restore.err()).startsWith("Started " + course + "@1.0.0 in " + b.dir());
        assertThat(restore.err())
                .contains("Your work was made with version 1.0.0, so init installed that one (1.1.0 is the newest).");
        assertThat(b.read(HELLO)).isEqualTo("ok\n");
        assertThat(b.read("content/01_basics/info.toml")).doesNotContain("03_new");
        assertThat(b.progy("status").out()).contains("1 of 2 exercises done");
    }

    @Test
    void aSymlinkInTheHistoryNeverLetsCourseFilesOutOfTheWorkspace() throws Exception {
        var student = signup("ivo");
        var a = device(student, "ivo-laptop");
        ok(a.init());
        // The course's runner/ is course-owned (ignored); a symlink of that name is not a directory, so it is
        // committed: a second computer checks it out before laying the course's files.
        var outside = Files.createDirectories(work.resolve("ivo-outside"));
        org.eclipse.jgit.util.FileUtils.delete(
                a.dir().resolve("runner").toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
        Files.createSymbolicLink(a.dir().resolve("runner"), outside);
        ok(a.progy("save", "-m", "runner link"));

        var b = device(student, "ivo-desktop");
        var restore = b.init();

        assertThat(restore.exitCode()).as("%s", restore).isEqualTo(ExitCode.CONFLICT);
        assertThat(restore.err()).contains("runner is a symbolic link");
        try (var files = Files.list(outside)) {
            assertThat(files).as("nothing written through the link").isEmpty();
        }
        assertThat(b.dir()).as("init removed what it created").doesNotExist();
    }

    @Test
    void commitsMadeOfflineWaitForTheNextSync() throws Exception {
        var student = signup("cleo");
        var a = device(student, "cleo-laptop");
        ok(a.init());
        var dead = EmbeddedServer.deadServer();
        a.cli().env.put("PROGY_TOKEN", student.token()); // the login for a server that is down

        a.write("content/01_basics/01_hello/notes.txt", "written on a plane\n");
        var save = a.cli().run("save", "--server", dead, "--dir", a.dir().toString());
        assertThat(save.exitCode()).as("%s", save).isEqualTo(5);
        assertThat(save.out())
                .startsWith("Saved: Save progress (")
                .contains(
                        "Not uploaded: cannot reach the Progy server at " + dead + " (connection refused). Your work is"
                                + " committed on this computer (1 commit not yet uploaded)");
        a.write(HELLO, "ok\n");
        var pass =
                a.cli().run("--server", dead, "test", "hello", "--dir", a.dir().toString());
        assertThat(pass.exitCode()).as("%s", pass).isZero();
        assertThat(pass.err())
                .contains("Committed: Lesson 01_basics/01_hello: completed")
                .contains("Not uploaded");
        var status = a.progy("status", "--format", "json");
        assertThat(json(status.out()).path("unpushed_commits").asInt()).isEqualTo(2);
        assertThat(a.progy("status").out()).contains("2 commits not yet uploaded");

        a.cli().env.remove("PROGY_TOKEN");
        var sync = a.progy("sync");
        ok(sync);
        assertThat(sync.out()).isEqualTo(line("Uploaded 2 commits to your progress repository."));
        assertThat(a.progy("status").out()).doesNotContain("not yet uploaded");
    }

    @Test
    void oneStudentCannotReachAnothersRepositoryAndGitTokensStayGitTokens() throws Exception {
        var dora = signup("dora");
        var eve = signup("eve");
        var doraLaptop = device(dora, "dora-laptop");
        ok(doraLaptop.init());
        ok(device(eve, "eve-laptop").init());
        var doraAccess = access(dora);
        var eveAccess = access(eve);
        var eveOnDora = new GitAccess(doraAccess.url(), eveAccess.user(), eveAccess.token(), eveAccess.expiresAt());

        var clone = CGit.run(
                work,
                "clone",
                CGit.withCredentials(eveOnDora),
                work.resolve("eve-steals").toString());
        assertThat(clone.exit()).isNotZero();
        assertThat(clone.output()).contains("not found");
        var eveClone = work.resolve("eve-own");
        CGit.ok(work, "clone", CGit.withCredentials(eveAccess), eveClone.toString());
        var fetch = CGit.run(eveClone, "fetch", CGit.withCredentials(eveOnDora));
        assertThat(fetch.exit()).isNotZero();
        assertThat(fetch.output()).contains("not found");
        StudentCourses.write(eveClone.resolve("content/01_basics/01_hello/answer.txt"), "vandalism\n");
        CGit.ok(eveClone, "commit", "-qam", "overwrite dora's work");
        var push = CGit.run(eveClone, "push", CGit.withCredentials(eveOnDora), "HEAD:main");
        assertThat(push.exit()).isNotZero();
        assertThat(push.output()).contains("not found");
        try (var remote = mirror(dora)) {
            assertThat(remote.log("main")).containsExactly(ProgressRepo.INITIAL_COMMIT);
        }

        // A git token is not an API token.
        var http = java.net.http.HttpClient.newHttpClient();
        for (var request : List.of(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/v1/user"))
                        .header("Authorization", "Bearer " + doraAccess.token())
                        .build(),
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/v1/git/credentials"))
                        .header("Authorization", "Bearer " + doraAccess.token())
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"course\": \"" + COURSE + "\"}"))
                        .build())) {
            var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as(request.uri() + ": " + response.body())
                    .isEqualTo(401);
        }

        // An expired git token is refused; the CLI, holding one in its cache, gets a new one and carries on.
        var cached = cachedGitToken(doraLaptop);
        expire(doraAccess.token());
        expire(cached);
        var expired = CGit.run(work, "ls-remote", CGit.withCredentials(doraAccess));
        assertThat(expired.exit()).isNotZero();
        assertThat(expired.output()).containsIgnoringCase("authentication failed");
        doraLaptop.write("content/01_basics/01_hello/notes.txt", "after the token expired\n");
        var save = doraLaptop.progy("save");
        ok(save);
        assertThat(save.out()).contains("Uploaded 1 commit to your progress repository.");
        var renewed = cachedGitToken(doraLaptop);
        assertThat(renewed).startsWith("pgit_").isNotEqualTo(cached);

        // Credentials never reach the workspace: not .git/config, not any remote URL, not any file.
        assertThat(Files.getPosixFilePermissions(
                        doraLaptop.cli().env.get("PROGY_HOME") == null
                                ? null
                                : Path.of(doraLaptop.cli().env.get("PROGY_HOME"))
                                        .resolve(GitCredentialCache.FILE_NAME)))
                .containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(doraLaptop.read(".git/config"))
                .contains("url = " + doraAccess.url())
                .doesNotContain("pgit_");
        for (var secret : List.of(cached, renewed, doraAccess.token(), dora.token())) {
            try (var files = Files.walk(doraLaptop.dir())) {
                for (var file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                            .as("%s holds no secret", file)
                            .doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void theCGitClientAndTheCliWorkOnTheSameRepository() throws Exception {
        var student = signup("finn");
        var a = device(student, "finn-laptop");
        ok(a.init());
        a.solve("01_hello");
        var access = access(student);

        var clone = work.resolve("finn-cgit");
        CGit.ok(work, "clone", "-q", CGit.withCredentials(access), clone.toString());
        assertThat(Files.readString(clone.resolve(HELLO))).isEqualTo("ok\n");
        assertThat(CGit.ok(clone, "log", "--format=%s"))
                .isEqualTo("Lesson 01_basics/01_hello: completed\n" + ProgressRepo.INITIAL_COMMIT + "\n");
        assertThat(clone.resolve("content/01_basics/01_hello/README.md"))
                .as("course-owned files are not in the repository")
                .doesNotExist();

        StudentCourses.write(clone.resolve("content/01_basics/02_bye/answer.txt"), "from C git\n");
        CGit.ok(clone, "commit", "-qam", "Bye, from C git");
        CGit.ok(clone, "push", "-q", "origin", "HEAD:main");
        var sync = a.progy("sync");
        ok(sync);
        assertThat(sync.out()).isEqualTo(line("Took 1 commit from your other devices."));
        assertThat(a.read("content/01_basics/02_bye/answer.txt")).isEqualTo("from C git\n");

        a.write("content/01_basics/03_three/answer.txt", "from the CLI\n");
        ok(a.progy("save", "-m", "Three, from the CLI"));
        CGit.ok(clone, "pull", "-q", "--rebase", "origin", "main");
        assertThat(Files.readString(clone.resolve("content/01_basics/03_three/answer.txt")))
                .isEqualTo("from the CLI\n");
    }

    @Test
    void watchUploadsPassesInTheBackgroundAndSyncsWhenItStops() throws Exception {
        var student = signup("gus");
        var a = device(student, "gus-laptop");
        ok(a.init());
        a.cli().env.put("PROGY_TOKEN", student.token());
        a.write("content/01_basics/01_hello/notes.txt", "before watching, offline\n");
        var offline = a.cli()
                .run(
                        "save",
                        "--server",
                        EmbeddedServer.deadServer(),
                        "--dir",
                        a.dir().toString());
        assertThat(offline.exitCode()).as("%s", offline).isEqualTo(5);
        a.cli().env.remove("PROGY_TOKEN");

        var env = new java.util.HashMap<>(a.cli().env);
        env.put("PROGY_SYNC_INTERVAL", "1");
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        var keysIn = new java.io.PipedInputStream(1024);
        var keys = new java.io.PipedOutputStream(keysIn);
        var watch = java.util.concurrent.CompletableFuture.supplyAsync(() -> io.progy.cli.Progy.execute(
                new String[] {"watch", "--dir", a.dir().toString()},
                env,
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
                keysIn));
        try {
            awaitRemote(student, "the periodic upload of the offline save", log -> log.contains("Save progress"));
            a.write(HELLO, "ok\n");
            awaitRemote(
                    student,
                    "the pass, committed and uploaded in the background",
                    log -> log.contains("Lesson 01_basics/01_hello: completed"));
            a.write("content/01_basics/02_bye/notes.txt", "while watching\n");
            keys.write("q\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            assertThat(watch.get(60, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        } finally {
            keys.close();
        }
        var stdout = out.toString(StandardCharsets.UTF_8);
        var stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(stdout).contains("✓ hello (content/01_basics/01_hello) passed");
        assertThat(stderr).contains("Uploaded 1 commit to your progress repository.");
        try (var remote = mirror(student)) {
            assertThat(remote.log("main").get(0))
                    .as("the sync when watch stopped")
                    .isEqualTo("Save progress");
        }
        assertClean(a.dir());
        assertThat(a.progy("status").out()).doesNotContain("not yet uploaded");
    }

    @Test
    void ctrlCInWatchSavesAndUploadsThePendingWork() throws Exception {
        var student = signup("ivy");
        var a = device(student, "ivy-laptop");
        ok(a.init());
        var out = work.resolve("ivy-watch.out").toFile();
        var builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.progy.cli.Progy",
                        "watch",
                        "--dir",
                        a.dir().toString())
                .redirectInput(new java.io.File("/dev/null"))
                .redirectErrorStream(true)
                .redirectOutput(out);
        builder.environment().putAll(a.cli().env);
        builder.environment().remove("PROGY_TOKEN");
        var watch = builder.start();
        try {
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (!Files.readString(out.toPath()).contains("Watching content/01_basics/01_hello")) {
                assertThat(watch.isAlive()).as(Files.readString(out.toPath())).isTrue();
                assertThat(System.nanoTime()).as("watch started").isLessThan(deadline);
                Thread.sleep(100);
            }
            a.write("content/01_basics/01_hello/notes.txt", "typed just before Ctrl+C\n");
            var interrupt = new ProcessBuilder("kill", "-INT", Long.toString(watch.pid())).start();
            assertThat(interrupt.waitFor()).isZero();
            assertThat(watch.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            watch.destroyForcibly();
        }
        assertThat(Files.readString(out.toPath()))
                .contains("Stopped watching.")
                .contains("Uploaded 1 commit to your progress repository.");
        try (var remote = mirror(student)) {
            assertThat(remote.log("main")).startsWith(ProgressRepo.SAVE_MESSAGE);
        }
    }

    // ------------------------------------------------------------------ helpers

    static Student signup(String username) {
        var cli = new Cli(work.resolve(username + "-signup-home"), server.url());
        return new Student(username, cli.signup(username, PASSWORD));
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
        return RemoteMirror.create(Files.createTempDirectory(work, "mirror-")).fetch(access(student));
    }

    /** Waits (at most 60 s) until the server's main branch of {@code student}'s repository satisfies a condition. */
    static void awaitRemote(Student student, String what, java.util.function.Predicate<List<String>> condition)
            throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (true) {
            try (var remote = mirror(student)) {
                var log = remote.branches().contains("main") ? remote.log("main") : List.<String>of();
                if (condition.test(log)) {
                    return;
                }
                assertThat(System.nanoTime())
                        .as("waiting for %s; the server has %s", what, log)
                        .isLessThan(deadline);
            }
            Thread.sleep(200);
        }
    }

    /** Fresh git credentials for {@code student}'s repository of the course. */
    static GitAccess access(Student student) throws IOException {
        var remote = new ServerGitRemote(
                new HttpApi(server.url(), student.token(), TestOutput.silent()),
                student.token(),
                COURSE,
                new GitCredentialCache(Files.createTempDirectory(work, "access-home-")),
                TestOutput.silent());
        return remote.access(true);
    }

    /** The git token the device's PROGY_HOME holds for the course. */
    static String cachedGitToken(Device device) throws IOException {
        var cache = JSON.readTree(
                Files.readString(Path.of(device.cli().env.get("PROGY_HOME")).resolve(GitCredentialCache.FILE_NAME)));
        return cache.path("entries")
                .path(server.url() + " " + COURSE)
                .path("git_token")
                .asText();
    }

    /** Makes a git token expire, in the server's database. */
    static void expire(String gitToken) throws Exception {
        var hash = io.progy.format.Sha256.hex(
                io.progy.format.Sha256.newDigest().digest(gitToken.getBytes(StandardCharsets.UTF_8)));
        try (var db = server.openDatabase();
                var update = db.prepareStatement("UPDATE git_tokens SET expires_at = ? WHERE token_hash = ?")) {
            update.setObject(1, java.time.OffsetDateTime.now().minusMinutes(1));
            update.setString(2, hash);
            assertThat(update.executeUpdate())
                    .as("the token is known to the server")
                    .isEqualTo(1);
        }
    }

    static org.eclipse.jgit.lib.Repository repository(Device device) throws IOException {
        return Git.open(device.dir().toFile()).getRepository();
    }

    /** The files in the workspace's last commit. */
    static List<String> trackedFiles(Path dir) throws IOException {
        try (var git = Git.open(dir.toFile())) {
            return GitTrees.files(git.getRepository(), git.getRepository().resolve("HEAD"));
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
