package io.progy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.format.CoursePacker;
import io.progy.format.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pack, publish, search, info and yank through the real main against the in-test registry. */
class RegistryCommandsTest {
    @TempDir
    Path tmp;

    FakeProgyServer server;
    Cli cli;
    Path course;

    @BeforeEach
    void start() throws IOException {
        server = new FakeProgyServer();
        cli = new Cli(tmp.resolve("home"), server.url());
        course = TestCourses.write(tmp.resolve("course"), "@ada/java-intro", "1.0.0");
        server.addUser("ada", "ada password 123");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    void login() {
        var result = cli.runWithInput("ada password 123", "login", "--username", "ada", "--password-stdin");
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void packPrintsPathSizeFileCountAndSha256() throws IOException {
        var archive = tmp.resolve("out/java-intro.progy");

        var result = cli.run("pack", course.toString(), "-o", archive.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        var sha = Sha256.of(archive);
        assertThat(result.out())
                .contains("Packed @ada/java-intro@1.0.0")
                .contains("path:   " + archive)
                .contains("(" + Files.size(archive) + " bytes)")
                .contains("files:  9")
                .contains("sha256: " + sha);
        var reference = tmp.resolve("reference.progy");
        CoursePacker.pack(course, reference);
        assertThat(sha).as("same bytes as the library's deterministic pack").isEqualTo(Sha256.of(reference));
        try (var files = Files.list(archive.getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(archive);
        }
    }

    @Test
    void packJson() {
        var archive = tmp.resolve("a.progy");
        var result = cli.run("pack", course.toString(), "-o", archive.toString(), "--format", "json");
        assertThat(result.out())
                .contains("\"name\" : \"@ada/java-intro\"")
                .contains("\"file_count\" : 9")
                .contains("\"path\" : \"" + archive + "\"");
    }

    @Test
    void packListsEveryManifestProblemAndExits2() throws IOException {
        // name and version only matter for publishing (pack says what to add); a broken runner stops pack
        Files.writeString(
                course.resolve("course.json"),
                "{\"name\": \"Bad Name\", \"version\": \"1.0\", \"runner\": {\"command\": \"make\", \"timeout_seconds\": 0}}");
        var result =
                cli.run("pack", course.toString(), "-o", tmp.resolve("x.progy").toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err())
                .contains("invalid course.json")
                .contains("runner.command")
                .contains("runner.timeout_seconds");
        assertThat(tmp.resolve("x.progy")).doesNotExist();
    }

    @Test
    void packOutsideACourseSaysSo() throws IOException {
        var result =
                cli.run("pack", Files.createDirectories(tmp.resolve("empty")).toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("no course.json in");
    }

    @Test
    void publishDryRunValidatesWithoutUploading() {
        var result = cli.run("publish", course.toString(), "--dry-run");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Would publish @ada/java-intro@1.0.0 to " + server.url());
        assertThat(server.requests).isEmpty();
    }

    @Test
    void publishUploadsTheArchiveAndPrintsJson() throws IOException {
        login();
        var result = cli.run("publish", course.toString(), "--json");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("\"name\" : \"@ada/java-intro\"").contains("\"file_count\" : 9");
        var reference = tmp.resolve("reference.progy");
        CoursePacker.pack(course, reference);
        assertThat(server.courses.get("@ada/java-intro").get("1.0.0")).isEqualTo(Files.readAllBytes(reference));
    }

    @Test
    void publishAnArchiveFile() throws IOException {
        login();
        var archive = tmp.resolve("java-intro-1.0.0.progy");
        CoursePacker.pack(course, archive);
        var result = cli.run("publish", archive.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Published @ada/java-intro@1.0.0");
        assertThat(result.err()).contains("java-intro-1.0.0.progy is already packed, so the course check is skipped");
    }

    @Test
    void publishRefusesACourseWithProblemsBeforeAnyUploadUnlessSkipCheck() throws IOException {
        login();
        Files.writeString(course.resolve("README.md"), "# Course\nSee [the notes](notes.md).\n");
        Files.createDirectories(course.resolve("content/01_basics/03_orphan"));

        for (var dryRun : new String[] {"--dry-run", "-v"}) {
            var refused = cli.run("publish", course.toString(), dryRun);
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(refused.err())
                    .contains("not published: the course check found 2 problems")
                    .contains("  README.md: line 2: broken link to notes.md")
                    .contains("  content/01_basics/03_orphan: is not listed")
                    .contains("--skip-check");
            assertThat(refused.out()).isEmpty();
        }
        assertThat(server.count("POST /v1/registry/publish")).isZero();

        var skipped = cli.run("publish", course.toString(), "--skip-check");
        assertThat(skipped.exitCode()).as(skipped.toString()).isZero();
        assertThat(server.courses.get("@ada/java-intro")).containsKey("1.0.0");
    }

    @Test
    void publishRunsTheChecksAgainstSolutions() throws IOException {
        login();
        cli.env.put("PATH", System.getenv("PATH")); // the course's runner is `sh runner/check.sh`
        // runner/check.sh passes everything, so the starting files of an exercise with a solution pass too.
        var solution = Files.createDirectories(course.resolve("content/01_basics/01_hello/solution"));
        Files.writeString(solution.resolve("Hello.java"), "class Hello { public static void main(String[] a) {} }\n");

        var refused = cli.run("publish", course.toString());

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err())
                .contains("content/01_basics/01_hello: the starting files already pass the check")
                .contains("note: content/01_basics/01_hello/solution is packed: students get the solution");
        assertThat(server.count("POST /v1/registry/publish")).isZero();
    }

    @Test
    void publishingAnExistingVersionExits3() {
        login();
        cli.run("publish", course.toString());
        var again = cli.run("publish", course.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void publishingUnderSomeoneElsesScopeExits6() throws IOException {
        login();
        var other = TestCourses.write(tmp.resolve("other"), "@grace/cobol", "1.0.0");
        var result = cli.run("publish", other.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(result.err()).contains("you may only publish under @ada");
    }

    @Test
    void publishWithoutLoginExits6() {
        var result = cli.run("publish", course.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(result.err()).contains("not logged in: run `progy login`");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void searchInfoAndYank() throws IOException {
        login();
        cli.run("publish", course.toString());
        Files.writeString(
                course.resolve("course.json"),
                Files.readString(course.resolve("course.json")).replace("\"1.0.0\"", "\"1.1.0\""));
        cli.run("publish", course.toString());

        var search = cli.run("search", "java");
        assertThat(search.exitCode()).isZero();
        assertThat(search.out()).contains("@ada/java-intro").contains("1.1.0").contains("A course");
        assertThat(cli.run("search", "java", "--format", "json").out()).contains("\"total\" : 1");
        assertThat(cli.run("search", "nothing-like-this").out()).isEmpty();

        var yank = cli.run("yank", "@ada/java-intro@1.1.0");
        assertThat(yank.exitCode()).as(yank.toString()).isZero();
        assertThat(yank.out()).contains("Yanked @ada/java-intro@1.1.0");

        var info = cli.run("info", "@ada/java-intro");
        assertThat(info.exitCode()).isZero();
        assertThat(info.out())
                .contains("@ada/java-intro  latest 1.0.0")
                .contains("1.1.0")
                .contains("yanked");
        assertThat(cli.run("info", "@ada/java-intro", "--format", "json").out())
                .contains("\"yanked\" : true")
                .contains("\"latest\" : \"1.0.0\"");

        assertThat(cli.run("yank", "@ada/java-intro@1.1.0", "--undo").out()).contains("Restored");
        assertThat(cli.run("info", "@ada/java-intro").out()).contains("latest 1.1.0");
    }
}
