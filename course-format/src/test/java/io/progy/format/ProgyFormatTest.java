package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Courses written for Progy's original format: runners, content, progression, setup, branding, info.toml tables. */
class ProgyFormatTest {

    /** The multiple-runners course of Progy's own repository, as it is. */
    static final String MULTI_RUNNER = """
            {
              "name": "Rust Test (Multi-Runner)",
              "version": "0.10.0",
              "content": {"root": "content", "exercises": "content"},
              "runners": [
                {"id": "process-local", "name": "Local (Process)", "type": "process", "command": "./runner/main",
                 "args": ["{{exercise}}"], "cwd": "."},
                {"id": "docker-rust", "name": "Docker (Rust Container)", "type": "docker-file",
                 "command": "cargo run --quiet --bin runner -- {{exercise}}", "args": [], "cwd": ".",
                 "dockerfile": "Dockerfile", "image_tag": "rust-runner-test:latest"},
                {"id": "postgres", "type": "docker-compose", "compose_file": "docker-compose.yml",
                 "service_to_run": "runner", "command": "python3 /app/runner.py {{exercise}}", "args": [], "cwd": "."}
              ],
              "progression": {"mode": "sequential", "strict_module_order": true},
              "setup": {"checks": [{"name": "Docker Daemon", "type": "command", "command": "docker info"}],
                        "guide": "SETUP.md"},
              "branding": {"coverImage": "assets/cover.png"}
            }
            """;

    @TempDir
    Path tmp;

    private static CourseManifest lenient(String json) {
        return CourseManifest.parseLenient(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryRunnerOfAProgyCourseSplittingItsCommandWithoutAShell() {
        var manifest = lenient(MULTI_RUNNER);

        var runners = manifest.runners();

        assertThat(runners).extracting(RunnerSpec::id).containsExactly("process-local", "docker-rust", "postgres");
        assertThat(manifest.runner()).contains(runners.get(0));
        var local = runners.get(0);
        assertThat(local.type()).isEqualTo(RunnerSpec.Type.PROCESS);
        assertThat(local.label()).isEqualTo("Local (Process)");
        assertThat(local.arguments("content/01_intro/01_hello", "/c"))
                .containsExactly("./runner/main", "content/01_intro/01_hello");
        var docker = runners.get(1);
        assertThat(docker.type()).isEqualTo(RunnerSpec.Type.DOCKER_FILE);
        assertThat(docker.dockerfile()).isEqualTo("Dockerfile");
        assertThat(docker.docker().image()).isEqualTo("rust-runner-test:latest");
        assertThat(docker.docker().network()).isFalse();
        assertThat(docker.arguments("content/01_intro/01_hello", "/workspace"))
                .containsExactly("cargo", "run", "--quiet", "--bin", "runner", "--", "content/01_intro/01_hello");
        var compose = runners.get(2);
        assertThat(compose.compose()).isEqualTo(new RunnerSpec.Compose("docker-compose.yml", "runner"));
        assertThat(manifest.runner("postgres")).contains(compose);
        assertThat(manifest.runner("nope")).isEmpty();
    }

    @Test
    void aDockerFileRunnerWithoutATagGetsOneFromTheCourseAndRunner() {
        var manifest = lenient("""
                {"name": "@ana/sql-basics", "runners": [{"id": "Main DB", "type": "docker-file", "command": "x"}]}
                """.replace("Main DB", "main_db"));

        assertThat(manifest.runners().get(0).docker().image()).isEqualTo("progy-ana-sql-basics-main-db:latest");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            {"id": "a", "command": "sh check.sh && echo ok"}          | runners[0].command: uses shell syntax (&&), but progy runs commands without a shell: put the commands in a script and run it through its interpreter, such as "sh runner/check.sh {{exercise}}"
            {"id": "a", "command": "python3 $HOME/check.py"}          | runners[0].command: uses shell syntax ($H), but progy runs commands without a shell: put the commands in a script and run it through its interpreter, such as "sh runner/check.sh {{exercise}}"
            {"id": "a", "command": "sh 'unclosed"}                    | runners[0].command: has a ' that is never closed
            {"id": "a", "command": "../outside/run"}                  | runners[0].command: '../outside/run' must not contain '..': the program must stay inside the course
            {"id": "a", "command": "/usr/local/bin/check"}            | runners[0].command: '/usr/local/bin/check' must be a path inside the course (such as ./runner/check) or a program on the PATH (such as python3), not an absolute path
            {"id": "a", "command": "x", "cwd": "../up"}               | runners[0].cwd: '../up' must be a path inside the course, relative to its root, without '..'
            {"id": "a", "command": "x {{id}}"}                        | runners[0].command: unknown placeholder {{id}}; the placeholders are {{exercise}} and {{course}}
            {"id": "a", "command": "x", "args": ["{{file}}"]}         | runners[0].args[0]: unknown placeholder {{file}}; the placeholders are {{exercise}} and {{course}}
            {"id": "a", "type": "kubernetes", "command": "x"}         | runners[0].type: must be process, docker-file or docker-compose, not 'kubernetes'
            {"id": "a", "command": "x", "dockerfile": "Dockerfile"}   | runners[0].dockerfile: is only used by docker-file runners, not process
            {"id": "a", "command": "x", "network_access": true}       | runners[0].network_access: only a docker-file runner can be given or denied the network
            {"command": "x"}                                          | runners[0].id: is required: a short name such as "local" or "docker" (progy test --runner ID)
            {"id": "a", "command": "x", "timeout": 5}                 | runners[0].timeout: is not a field of runners[0] (its fields are args, command, compose_file, cwd, dockerfile, id, image_tag, name, network_access, service_to_run, timeout_seconds, type)
            """)
    void namesEachRunnerProblem(String runner, String problem) {
        assertThat(problems("{\"runners\": [" + runner + "]}")).containsExactly(problem);
    }

    @Test
    void runnerIdsAreUnique() {
        assertThat(problems("""
                        {"runner": {"command": ["x"]}, "runners": [{"id": "default", "command": "y"}]}
                        """)).containsExactly("runners[0].id: 'default' is already the id of runner");
    }

    @Test
    void quotedWordsStayOneArgument() {
        var runner = lenient("""
                {"runners": [{"id": "a", "command": "python3 'runner/my check.py' \\"a \\\\\\"b\\\\\\"\\" c\\\\ d"}]}
                """).runners().get(0);

        assertThat(runner.command()).containsExactly("python3", "runner/my check.py", "a \"b\"", "c d");
    }

    @Test
    void aCourseOfProgysFormatIsUsableLocallyAndSaysWhatToAddBeforePublishing() {
        var manifest = lenient(MULTI_RUNNER);

        assertThat(manifest.name()).isEqualTo("Rust Test (Multi-Runner)");
        assertThat(manifest.version()).isEqualTo("0.10.0");
        assertThat(manifest.hasCourseName()).isFalse();
        assertThat(manifest.publishProblems())
                .extracting(ManifestProblem::toString)
                .containsExactly(
                        "name: 'Rust Test (Multi-Runner)' is not @scope/slug (must have the form @scope/slug, e.g."
                                + " @alice/java-intro); before publishing set \"name\":"
                                + " \"@<your-user>/rust-test-multi-runner\" and keep the title in \"description\"",
                        "description: is missing; before publishing add \"description\": \"<one paragraph: what the"
                                + " student learns>\"");
        // publishing reads strictly
        var strict = catchThrowableOfType(
                InvalidManifestException.class,
                () -> CourseManifest.parse(MULTI_RUNNER.getBytes(StandardCharsets.UTF_8)));
        assertThat(strict.problems()).extracting(ManifestProblem::field).containsExactly("name", "description");
    }

    @Test
    void aMissingVersionReadsAsZeroAndIsToBeAdded() {
        var manifest = lenient("{\"name\": \"@ana/x\", \"description\": \"d\", \"version\": \"v1.2.0\"}");

        assertThat(manifest.version()).isEqualTo("0.0.0");
        assertThat(manifest.publishProblems())
                .extracting(ManifestProblem::toString)
                .containsExactly(
                        "version: 'v1.2.0' is not a SemVer 2.0 version; before publishing set \"version\": \"1.2.0\"");
        assertThat(lenient("{\"name\": \"@ana/x\", \"description\": \"d\"}").publishProblems())
                .extracting(ManifestProblem::toString)
                .containsExactly("version: is missing; before publishing add \"version\": \"1.0.0\"");
    }

    @Test
    void readsProgressionSetupAndBranding() {
        var manifest = lenient(MULTI_RUNNER);

        assertThat(manifest.progression()).isEqualTo(new Progression(Progression.Mode.SEQUENTIAL, true));
        assertThat(manifest.setup().orElseThrow())
                .isEqualTo(new CourseSetup(
                        List.of(new CourseSetup.Check("Docker Daemon", List.of("docker", "info"), null)), "SETUP.md"));
        assertThat(manifest.branding().coverImage()).isEqualTo("assets/cover.png");
        var plain = lenient("{\"name\": \"@a/b\"}");
        assertThat(plain.progression()).isEqualTo(Progression.OPEN);
        assertThat(plain.setup()).isEmpty();
        assertThat(plain.branding()).isEqualTo(Branding.NONE);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            "content": {"exercises": "lessons"}                | content.exercises: progy keeps a course's modules in content/: move 'lessons' to content/ and set "exercises": "content"
            "content": {"root": "/etc"}                        | content.root: '/etc' must be a path inside the course, relative to its root, without '..'
            "progression": {"mode": "strict"}                  | progression.mode: must be open or sequential, not 'strict'
            "progression": {"strict_module_order": "yes"}      | progression.strict_module_order: must be true or false, not a string
            "setup": {"checks": [{"name": "d", "command": "docker info ; ls"}]} | setup.checks[0].command: uses shell syntax (;), but progy runs commands without a shell: put the commands in a script and run it through its interpreter, such as "sh runner/check.sh {{exercise}}"
            "setup": {"checks": [{"name": "d", "type": "http", "command": "x"}]} | setup.checks[0].type: must be command (the only kind of setup check), not 'http'
            "setup": {"guide": "../SETUP.md"}                  | setup.guide: '../SETUP.md' must be a path inside the course, relative to its root, without '..'
            "branding": {"coverImage": "../cover.png"}         | branding.coverImage: '../cover.png' must be a path inside the course, relative to its root, without '..'
            """)
    void namesEachSettingsProblem(String field, String problem) {
        assertThat(problems("{" + field + "}")).containsExactly(problem);
    }

    @Test
    void sequentialProgressionLocksLaterExercisesOfAModuleAndStrictOrderLaterModules() throws IOException {
        var course = new CourseFiles(tmp.resolve("c"))
                .write("course.json", CourseFiles.MANIFEST)
                .write("content/01_a/info.toml", CourseFiles.info("A", "x", "y"))
                .write("content/02_b/info.toml", CourseFiles.info("B", "z"))
                .mkdir("content/01_a/x")
                .mkdir("content/01_a/y")
                .mkdir("content/02_b/z");
        var layout = CourseLayout.load(course.root());
        var nothingDone = ProgressState.empty();
        var xDone = nothingDone.withAttempt("01_a/x", true, Instant.now());

        assertThat(Progression.OPEN.locked(layout, nothingDone)).isEmpty();
        assertThat(new Progression(Progression.Mode.SEQUENTIAL, false).locked(layout, nothingDone))
                .isEqualTo(Map.of("01_a/y", "pass x (01_a/x) first"));
        assertThat(new Progression(Progression.Mode.SEQUENTIAL, true).locked(layout, nothingDone))
                .containsExactly(
                        Map.entry("01_a/y", "pass x (01_a/x) first"), Map.entry("02_b/z", "pass x (01_a/x) first"));
        assertThat(new Progression(Progression.Mode.SEQUENTIAL, true).locked(layout, xDone))
                .containsExactly(Map.entry("02_b/z", "pass y (01_a/y) first"));
    }

    @Test
    void aModuleInfoTomlMayMapFolderNamesToDisplayNamesInOrder() throws IOException {
        var course = new CourseFiles(tmp.resolve("c"))
                .write("course.json", MULTI_RUNNER)
                .write("content/01_select/info.toml", """
                        [module]
                        title = "Basic SELECT"
                        message = "Master the fundamentals."

                        [exercises]
                        02_where = "Filtering"
                        "01_simple-query" = { title = "Your First Query", xp = 10, difficulty = "easy" }
                        """)
                .write("content/01_select/01_simple-query/README.md", "# Ignored title\n")
                .mkdir("content/01_select/02_where")
                .mkdir("content/01_select/03_unlisted")
                .write("content/02_more/info.toml", "[module]\nmessage = \"More SQL\"\n")
                .mkdir("content/02_more/b")
                .mkdir("content/02_more/a");

        var reader = LayoutReader.read(course.root());
        var layout = reader.layout();

        assertThat(reader.errors()).isEmpty();
        assertThat(layout.modules()).extracting(CourseModule::title).containsExactly("Basic SELECT", "More SQL");
        assertThat(layout.exercises())
                .extracting(Exercise::id, Exercise::title)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("01_select/02_where", "Filtering"),
                        org.assertj.core.groups.Tuple.tuple("01_select/01_simple-query", "Your First Query"),
                        org.assertj.core.groups.Tuple.tuple("02_more/a", "a"),
                        org.assertj.core.groups.Tuple.tuple("02_more/b", "b"));
        assertThat(layout.find("01_simple-query")).hasSize(1);
        assertThat(reader.problems())
                .extracting(CourseProblem::toString)
                .containsExactly(
                        "content/01_select/03_unlisted: is not listed in content/01_select/info.toml (add"
                                + " \"03_unlisted\" = \"<title>\" to its [exercises] table, or remove it)",
                        "content/02_more/info.toml: module.title: is missing; the module shows its message as title"
                                + " (add title = \"...\")",
                        "content/02_more/info.toml: lists no exercises: they are taken in directory name order (list"
                                + " them in order with an [exercises] table, \"01_hello\" = \"Hello\", or [[exercises]]"
                                + " entries)");
    }

    private static List<String> problems(String json) {
        var exception = catchThrowableOfType(InvalidManifestException.class, () -> lenient(json));
        assertThat(exception).as("problems for %s", json).isNotNull();
        return exception.problems().stream().map(ManifestProblem::toString).toList();
    }
}
