package io.progy.cli.e2e;

import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.progy.cli.Cli;
import io.progy.cli.EmbeddedServer;
import io.progy.cli.ExitCode;
import io.progy.cli.Workspaces;
import io.progy.format.Sha256;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One instructor and one student, end to end, through the real CLI main against the real orchestrator:
 * the instructor signs up, packs and publishes a course; the student, on another {@code PROGY_HOME} without
 * an account, finds it and starts it. Each step is a test, in order; a failed step skips the rest. Each
 * subclass runs the scenario on one database and one blob store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
abstract class EndToEndScenario {
    static final String INSTRUCTOR = "ada";
    static final String PASSWORD = "correct horse battery";
    static final String COURSE = "@" + INSTRUCTOR + "/intro";
    static final String INITIAL_COMMIT = "init: Start course";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The pack step's result, which publish and init are checked against. */
    record Packed(Path archive, String name, String version, String sha256, long size, int fileCount) {}

    /** Everything the scenario writes: server data, homes, courses, workspaces (removed after the class). */
    Path work;

    EmbeddedServer server;
    Cli instructor;
    Cli student;
    Path courseDir;
    Packed packed;

    /** Starts what this stack needs and returns the orchestrator's settings for it (data dir included). */
    abstract Map<String, String> startStack(Path dataDir) throws Exception;

    /** Stops what {@link #startStack} started; called after the orchestrator has stopped. */
    abstract void stopStack() throws Exception;

    /** A JDBC connection to the database the orchestrator uses (its schema the default). */
    abstract Connection openDatabase() throws SQLException;

    /** The sha256 of the artifact the orchestrator stored under {@code key}, if there is one. */
    abstract Optional<String> storedArtifactSha256(String key) throws IOException;

    @BeforeAll
    void startServer(@TempDir Path work) throws Exception {
        this.work = work;
        var dataDir = work.resolve("server-data");
        // The bundled sample course (@progy/java-intro) is published on first start, on every stack.
        server = EmbeddedServer.start(startStack(dataDir), dataDir, true);
        instructor = new Cli(work.resolve("instructor-home"), server.url());
        student = new Cli(work.resolve("student-home"), server.url());
    }

    @AfterAll
    void stopServer() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            stopStack();
        }
    }

    @Test
    @Order(1)
    void signupReadsThePasswordFromStdinAndLogsIn() throws Exception {
        var result = instructor.runWithInput(
                PASSWORD + "\n", "signup", "--username", INSTRUCTOR, "--email", "ada@example.org", "--password-stdin");

        assertExit(result, ExitCode.OK);
        assertThat(result.out()).isEqualTo(line("Created account ada on " + server.url() + " and logged in."));
        assertThat(result.err()).isEqualTo(line("Publish courses under @ada/<course>."));
        var credentials = home(instructor).resolve("credentials.json");
        assertThat(Files.getPosixFilePermissions(credentials)).containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE);
        var stored = json(Files.readString(credentials));
        assertThat(stored.path("server").asText()).isEqualTo(server.url());
        assertThat(stored.path("username").asText()).isEqualTo(INSTRUCTOR);
        assertThat(stored.path("token").asText()).startsWith("progy_");
        try (var db = openDatabase();
                var query = db.prepareStatement("SELECT email FROM users WHERE username = ?")) {
            query.setString(1, INSTRUCTOR);
            try (var rows = query.executeQuery()) {
                assertThat(rows.next())
                        .as("the account is in this stack's database")
                        .isTrue();
                assertThat(rows.getString(1)).isEqualTo("ada@example.org");
            }
        }
    }

    @Test
    @Order(2)
    void whoamiNamesTheAccount() {
        var text = instructor.run("whoami");
        assertExit(text, ExitCode.OK);
        assertThat(text.out()).isEqualTo(line(INSTRUCTOR));
        assertThat(text.err()).isEmpty();

        var json = runJson(instructor, "whoami", "--format", "json");
        assertThat(json.path("username").asText()).isEqualTo(INSTRUCTOR);
        assertThat(json.path("email").asText()).isEqualTo("ada@example.org");
        assertThat(json.path("server").asText()).isEqualTo(server.url());
    }

    @Test
    @Order(3)
    void packWritesADeterministicArchive() throws IOException {
        courseDir = copyBundledCourse("java-intro", work.resolve("ada-course"), COURSE);
        var archive = work.resolve("out/intro-1.0.0.progy");

        var json = runJson(instructor, "pack", courseDir.toString(), "-o", archive.toString(), "--format", "json");

        packed = new Packed(
                Path.of(json.path("path").asText()),
                json.path("name").asText(),
                json.path("version").asText(),
                json.path("sha256").asText(),
                json.path("size").asLong(),
                json.path("file_count").asInt());
        assertThat(packed.archive()).isEqualTo(archive);
        assertThat(packed.name()).isEqualTo(COURSE);
        assertThat(packed.version()).isEqualTo("1.0.0");
        assertThat(packed.sha256()).matches("[0-9a-f]{64}").isEqualTo(Sha256.of(archive));
        assertThat(packed.size()).isEqualTo(Files.size(archive));
        assertThat(packed.fileCount()).isGreaterThan(30);

        var again = instructor.run(
                "pack",
                courseDir.toString(),
                "-o",
                work.resolve("out/again.progy").toString());
        assertExit(again, ExitCode.OK);
        assertThat(again.out())
                .startsWith(line("Packed " + COURSE + "@1.0.0"))
                .contains(line("  files:  " + packed.fileCount()))
                .contains(line("  sha256: " + packed.sha256()));
    }

    @Test
    @Order(4)
    void publishDryRunUploadsNothing() throws Exception {
        var result = instructor.run("publish", courseDir.toString(), "--dry-run");

        assertExit(result, ExitCode.OK);
        assertThat(result.out())
                .startsWith(line("Would publish " + COURSE + "@1.0.0 to " + server.url()))
                .contains(line("  sha256: " + packed.sha256()));
        assertThat(result.err()).isEqualTo(line("(dry run: nothing was uploaded)"));
        var resolve = httpGet("/v1/registry/resolve/ada/intro");
        assertThat(resolve.statusCode()).as(resolve.body()).isEqualTo(404);
        assertThat(json(resolve.body()).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(storedArtifactSha256(blobKey("1.0.0"))).isEmpty();
    }

    @Test
    @Order(5)
    void publishUploadsWhatPackBuilt() throws Exception {
        var json = runJson(instructor, "publish", courseDir.toString(), "--format", "json");

        assertThat(json.path("name").asText()).isEqualTo(packed.name());
        assertThat(json.path("version").asText()).isEqualTo(packed.version());
        assertThat(json.path("sha256").asText()).isEqualTo(packed.sha256());
        assertThat(json.path("size").asLong()).isEqualTo(packed.size());
        assertThat(json.path("file_count").asInt()).isEqualTo(packed.fileCount());
        assertThat(json.path("published_at").asText()).isNotBlank();
        assertThat(storedArtifactSha256(blobKey("1.0.0"))).contains(packed.sha256());
    }

    @Test
    @Order(6)
    void publishingTheSameVersionAgainIsAConflict() {
        var result = instructor.run("publish", packed.archive().toString(), "-v");

        assertExit(result, ExitCode.CONFLICT);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .contains("error: " + COURSE + "@1.0.0 already exists")
                .contains("code=VERSION_EXISTS");
    }

    @Test
    @Order(7)
    void searchFindsTheCourse() {
        var json = runJson(student, "search", INSTRUCTOR, "--format", "json");
        assertThat(json.path("total").asLong()).isEqualTo(1);
        var hit = json.path("results").path(0);
        assertThat(hit.path("name").asText()).isEqualTo(COURSE);
        assertThat(hit.path("latest").asText()).isEqualTo("1.0.0");
        assertThat(hit.path("description").asText()).startsWith("Learn Java from your first line of code");

        var text = student.run("search", "java");
        assertExit(text, ExitCode.OK);
        assertThat(text.out().lines())
                .anySatisfy(row -> assertThat(row).startsWith(COURSE).contains("  1.0.0  Learn Java"))
                .anySatisfy(row -> assertThat(row).startsWith("@progy/java-intro"));
    }

    @Test
    @Order(8)
    void infoListsTheVersion() {
        var text = student.run("info", COURSE);
        assertExit(text, ExitCode.OK);
        assertThat(text.out().lines())
                .startsWith(COURSE + "  latest 1.0.0")
                .contains("Versions:", "Start it with:  progy init " + COURSE)
                .anySatisfy(row -> assertThat(row).matches("  1\\.0\\.0  \\d{4}-\\d\\d-\\d\\d  .* latest"));

        var json = runJson(student, "info", COURSE, "--format", "json");
        assertThat(json.path("latest").asText()).isEqualTo("1.0.0");
        assertThat(json.path("versions")).hasSize(1);
        assertThat(json.path("versions").path(0).path("sha256").asText()).isEqualTo(packed.sha256());
        assertThat(json.path("versions").path(0).path("yanked").asBoolean()).isFalse();
    }

    @Test
    @Order(9)
    void initStartsTheCourseForAnAnonymousStudent() throws Exception {
        var anonymous = student.run("whoami");
        assertExit(anonymous, ExitCode.AUTH);
        assertThat(anonymous.err()).contains("not logged in");

        var target = work.resolve("student/intro");
        var result = student.run("init", COURSE, target.toString());

        assertExit(result, ExitCode.OK);
        assertThat(result.out()).isEqualTo(line("Started " + COURSE + "@1.0.0 in " + target));
        assertWorkspace(target, COURSE, "1.0.0", packed.sha256());
        var cached = home(student).resolve("cache/registry/@ada/intro/1.0.0.progy");
        assertThat(Sha256.of(cached)).isEqualTo(packed.sha256());
        assertThat(home(student).resolve("credentials.json")).doesNotExist();
    }

    @Test
    @Order(10)
    void initOfflineUsesTheCache() throws Exception {
        var target = work.resolve("student/intro-offline");
        // An unreachable server: the offline init must not need it.
        var json = runJson(
                student,
                "init",
                COURSE,
                target.toString(),
                "--offline",
                "--server",
                EmbeddedServer.deadServer(),
                "--format",
                "json");

        assertThat(json.path("version").asText()).isEqualTo("1.0.0");
        assertThat(json.path("sha256").asText()).isEqualTo(packed.sha256());
        assertThat(json.path("from_cache").asBoolean()).isTrue();
        assertWorkspace(target, COURSE, "1.0.0", packed.sha256());
    }

    @Test
    @Order(11)
    void initOfTheBundledSampleCourse() throws Exception {
        var sample = json(Files.readString(Repository.root().resolve("courses/java-intro/course.json")));
        var version = sample.path("version").asText();
        var target = work.resolve("student/java-intro");

        var result = student.run("init", "@progy/java-intro", target.toString());

        assertExit(result, ExitCode.OK);
        assertThat(result.out()).isEqualTo(line("Started @progy/java-intro@" + version + " in " + target));
        var sha256 = Sha256.of(home(student).resolve("cache/registry/@progy/java-intro/" + version + ".progy"));
        assertWorkspace(target, "@progy/java-intro", version, sha256);
    }

    @Test
    @Order(12)
    void publishingIntoAnotherScopeIsForbidden() throws Exception {
        var foreign = copyBundledCourse("java-intro", work.resolve("foreign-course"), "@progy/intro");

        var result = instructor.run("publish", foreign.toString());

        assertExit(result, ExitCode.AUTH);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo(line("error: you may publish only under @ada, not @progy/intro"));
        assertThat(httpGet("/v1/registry/resolve/progy/intro").statusCode()).isEqualTo(404);
        assertThat(storedArtifactSha256("packages/@progy/intro/1.0.0.progy")).isEmpty();
    }

    @Test
    @Order(13)
    void yankedVersionsAreNeverChosenByARange() throws Exception {
        var yank = instructor.run("yank", COURSE + "@1.0.0");
        assertExit(yank, ExitCode.OK);
        assertThat(yank.out()).isEqualTo(line("Yanked " + COURSE + "@1.0.0"));
        var info = student.run("info", COURSE + "@1.0.0");
        assertExit(info, ExitCode.OK);
        assertThat(info.out().lines()).anySatisfy(row -> assertThat(row).matches("  1\\.0\\.0  .* yanked"));

        var target = work.resolve("student/intro-range");
        var byRange = student.run("init", COURSE + "@^1", target.toString());

        assertExit(byRange, ExitCode.USAGE);
        assertThat(byRange.out()).isEmpty();
        assertThat(byRange.err()).isEqualTo(line("error: no version of " + COURSE + " matches range ^1"));
        assertThat(target).doesNotExist();
        assertThat(target.getParent())
                .isDirectoryNotContaining(path -> path.getFileName().toString().startsWith("intro-range"));
    }

    @Test
    @Order(14)
    void aYankedVersionStillInstallsByItsExactVersion() throws Exception {
        // A student who has never downloaded it: the yanked artifact must still download.
        var newcomer = new Cli(work.resolve("newcomer-home"), server.url());
        var target = work.resolve("newcomer/intro");

        var result = newcomer.run("init", COURSE + "@1.0.0", target.toString());

        assertExit(result, ExitCode.OK);
        assertThat(result.out()).isEqualTo(line("Started " + COURSE + "@1.0.0 in " + target));
        assertWorkspace(target, COURSE, "1.0.0", packed.sha256());
    }

    @Test
    @Order(15)
    void aCourseWhoseEveryVersionIsYankedIsStillDescribed() throws Exception {
        // 1.0.0, the only version, was yanked above.
        var info = student.run("info", COURSE);

        assertExit(info, ExitCode.OK);
        assertThat(info.out().lines().findFirst()).hasValue(COURSE + "  all versions are yanked");
        assertThat(info.out().lines()).anySatisfy(row -> assertThat(row).matches("  1\\.0\\.0  .* yanked"));
        assertThat(info.out()).contains("progy init " + COURSE + "@1.0.0");
        var json = runJson(student, "info", COURSE, "--format", "json");
        assertThat(json.path("latest").isNull()).isTrue();
        assertThat(json.path("resolved").isNull()).isTrue();
        assertThat(json.path("versions").path(0).path("yanked").asBoolean()).isTrue();

        var target = work.resolve("student/intro-all-yanked");
        var init = student.run("init", COURSE, target.toString());

        assertExit(init, ExitCode.USAGE);
        assertThat(init.out()).isEmpty();
        assertThat(init.err())
                .isEqualTo(line("error: every version of " + COURSE + " is yanked; install an exact version with"
                        + " @<version> (e.g. progy init " + COURSE + "@1.0.0)"));
        assertThat(target).doesNotExist();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A workspace as init leaves it: the course, progy.toml naming the version and sha256, a .gitignore, and
     * a Git repository on main with one commit holding the student's files but not the course-owned ones.
     */
    private static void assertWorkspace(Path dir, String course, String version, String sha256)
            throws IOException, GitAPIException {
        assertThat(dir.resolve("course.json")).isRegularFile();
        assertThat(json(Files.readString(dir.resolve("course.json")))
                        .path("name")
                        .asText())
                .isEqualTo(course);
        assertThat(dir.resolve("content")).isDirectory();
        assertThat(dir.resolve("content/01_basics/01_hello/Exercise.java")).isRegularFile();
        assertThat(dir.resolve(".gitignore")).isRegularFile();
        assertThat(Files.readAllLines(dir.resolve("progy.toml")))
                .contains(
                        "course = \"" + course + "\"", "version = \"" + version + "\"", "sha256 = \"" + sha256 + "\"");
        try (var git = Git.open(dir.toFile())) {
            var commits =
                    StreamSupport.stream(git.log().call().spliterator(), false).toList();
            assertThat(commits).hasSize(1);
            assertThat(commits.get(0).getFullMessage()).isEqualTo(INITIAL_COMMIT);
            assertThat(git.getRepository().getBranch()).isEqualTo("main");
            assertThat(git.status().call().isClean())
                    .as("everything is committed or ignored")
                    .isTrue();
            var committed = new ArrayList<String>();
            try (var walk = new TreeWalk(git.getRepository())) {
                walk.addTree(commits.get(0).getTree());
                walk.setRecursive(true);
                while (walk.next()) {
                    committed.add(walk.getPathString());
                }
            }
            assertThat(committed)
                    .contains(
                            ".gitignore",
                            "progy.toml",
                            "course.json",
                            "content/01_basics/01_hello/Exercise.java",
                            "content/01_basics/01_hello/tests.txt")
                    .doesNotContain("README.md", "content/01_basics/01_hello/README.md", "content/01_basics/info.toml");
        }
    }

    /** Copies a course of the repository's courses/ into {@code target}, renamed to {@code name}. */
    private static Path copyBundledCourse(String course, Path target, String name) throws IOException {
        Workspaces.copyTree(Repository.root().resolve("courses").resolve(course), target);
        var manifest = (ObjectNode) json(Files.readString(target.resolve("course.json")));
        manifest.put("name", name);
        Files.writeString(
                target.resolve("course.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
        return target;
    }

    private static String blobKey(String version) {
        return "packages/" + COURSE + "/" + version + ".progy";
    }

    private HttpResponse<String> httpGet(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode runJson(Cli cli, String... args) {
        var result = cli.run(args);
        assertExit(result, ExitCode.OK);
        return json(result.out());
    }

    private static void assertExit(Cli.Result result, int exitCode) {
        assertThat(result.exitCode()).as("%s", result).isEqualTo(exitCode);
    }

    private static Path home(Cli cli) {
        return Path.of(cli.env.get("PROGY_HOME"));
    }

    private static String line(String text) {
        return text + System.lineSeparator();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
