package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunnerSpecTest {

    @Test
    void readsTheSampleCoursesRunner() {
        var manifest = CourseManifest.read(CourseFiles.SAMPLE_COURSE.resolve("course.json"));

        var runner = manifest.runner().orElseThrow();

        assertThat(runner.command()).containsExactly("java", "runner/Check.java", "{{exercise}}");
        assertThat(runner.timeoutSeconds()).isEqualTo(10);
        assertThat(runner.docker()).isNull();
        assertThat(runner.arguments("content/01_basics/01_hello", "/home/ana/java-intro"))
                .containsExactly("java", "runner/Check.java", "content/01_basics/01_hello");
    }

    @Test
    void expandsForAnExerciseOfTheLayout() throws java.io.IOException {
        var layout = CourseLayout.load(CourseFiles.SAMPLE_COURSE);
        var runner = CourseManifest.read(CourseFiles.SAMPLE_COURSE.resolve("course.json"))
                .runner()
                .orElseThrow();

        var arguments = runner.arguments(layout.exercises().get(7), CourseFiles.SAMPLE_COURSE);

        assertThat(arguments).containsExactly("java", "runner/Check.java", "content/02_control_flow/04_fizzbuzz");
        var withCourse = new RunnerSpec(List.of("{{course}}/x"), 5, null);
        assertThat(withCourse.arguments(layout.exercises().get(0), CourseFiles.SAMPLE_COURSE))
                .containsExactly(layout.root() + "/x");
    }

    @Test
    void timeoutDefaultsToTenSecondsAndDockerToNone() {
        var runner = runner("{\"command\": [\"make\", \"test\"]}");

        assertThat(runner.timeoutSeconds())
                .isEqualTo(RunnerSpec.DEFAULT_TIMEOUT_SECONDS)
                .isEqualTo(10);
        assertThat(runner.timeout()).hasSeconds(10);
        assertThat(runner.docker()).isNull();
    }

    @Test
    void aManifestWithoutRunnerHasNone() {
        var manifest =
                CourseManifest.parse(bytes("{\"name\": \"@a/b\", \"version\": \"1.0.0\", \"description\": \"d\"}"));

        assertThat(manifest.runner()).isEmpty();
    }

    @Test
    void expandsEveryPlaceholderInPlaceWithoutSplitting() {
        var runner = runner("""
                {"command": ["{{course}}/bin/check", "--dir={{exercise}}", "{{exercise}}/{{exercise}}", "plain arg"]}
                """);

        var arguments = runner.arguments("content/02 módulo/01 olá mundo", "/srv/course");

        assertThat(arguments)
                .containsExactly(
                        "/srv/course/bin/check",
                        "--dir=content/02 módulo/01 olá mundo",
                        "content/02 módulo/01 olá mundo/content/02 módulo/01 olá mundo",
                        "plain arg");
    }

    @Test
    void expansionIsOnePassSoValuesAreNeverExpandedAgain() {
        var runner = runner("{\"command\": [\"run\", \"{{exercise}}:{{course}}\"]}");

        assertThat(runner.arguments("content/m/{{course}}", "/c{{exercise}}"))
                .containsExactly("run", "content/m/{{course}}:/c{{exercise}}");
    }

    @ParameterizedTest
    @CsvSource({"/etc/passwd", "content/../../x", "..", "content\\m\\e"})
    void refusesExercisePathsOutsideTheCourse(String path) {
        var runner = runner("{\"command\": [\"run\", \"{{exercise}}\"]}");

        assertThatThrownBy(() -> runner.arguments(path, "/c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(path);
    }

    @Test
    void readsDockerOptionsWithDefaults() {
        var runner = runner("{\"command\": [\"pytest\"], \"docker\": {\"image\": \"python:3.12-slim\"}}");

        assertThat(runner.docker()).isEqualTo(new RunnerSpec.Docker("python:3.12-slim", false, "512m", "1", 256));
    }

    @Test
    void readsEveryDockerOption() {
        var runner = runner("""
                {"command": ["pytest"], "timeout_seconds": 120,
                 "docker": {"image": "ghcr.io/org/img@sha256:abc", "network": true, "memory": "1g", "cpus": 1.50,
                            "pids": 64}}
                """);

        assertThat(runner.timeoutSeconds()).isEqualTo(120);
        assertThat(runner.docker())
                .isEqualTo(new RunnerSpec.Docker("ghcr.io/org/img@sha256:abc", true, "1g", "1.5", 64));
        assertThat(runner("{\"command\": [\"x\"], \"docker\": {\"image\": \"i\", \"cpus\": \"0.5\"}}")
                        .docker()
                        .cpus())
                .isEqualTo("0.5");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            "timeout_seconds": 0                     | runner.timeout_seconds: must be between 1 and 120, not 0
            "timeout_seconds": 121                   | runner.timeout_seconds: must be between 1 and 120, not 121
            "timeout_seconds": 99999999999           | runner.timeout_seconds: must be between 1 and 120, not 99999999999
            "timeout_seconds": 2.5                   | runner.timeout_seconds: must be a whole number of seconds, not 2.5
            "timeout_seconds": "10"                  | runner.timeout_seconds: must be a number of seconds, not a string
            "timeout": 10                            | runner.timeout: is not a field of runner (its fields are command, docker, timeout_seconds)
            "docker": "python"                       | runner.docker: must be an object such as {"image": "python:3.12-slim"}, not a string
            "docker": {}                             | runner.docker.image: is required: the image to run the check in, such as eclipse-temurin:21
            "docker": {"image": "--privileged"}      | runner.docker.image: '--privileged' is not an image reference such as eclipse-temurin:21 or ghcr.io/org/img
            "docker": {"image": "a b"}               | runner.docker.image: 'a b' is not an image reference such as eclipse-temurin:21 or ghcr.io/org/img
            "docker": {"image": "i", "network": "no"} | runner.docker.network: must be true or false, not a string
            "docker": {"image": "i", "memory": "lots"} | runner.docker.memory: must be a size such as "512m" or "1g" (a whole number with b, k, m or g), not 'lots'
            "docker": {"image": "i", "memory": 512}  | runner.docker.memory: must be a size such as "512m" or "1g" (a whole number with b, k, m or g), not a number
            "docker": {"image": "i", "cpus": 0}      | runner.docker.cpus: must be more than 0 and at most 64, not 0
            "docker": {"image": "i", "cpus": 65}     | runner.docker.cpus: must be more than 0 and at most 64, not 65
            "docker": {"image": "i", "cpus": "-1"}   | runner.docker.cpus: must be a number of CPUs such as 1 or 1.5, not '-1'
            "docker": {"image": "i", "pids": 0}      | runner.docker.pids: must be a whole number from 1 to 32768, not 0
            "docker": {"image": "i", "pids": 1.5}    | runner.docker.pids: must be a whole number from 1 to 32768, not 1.5
            "docker": {"image": "i", "user": "root"} | runner.docker.user: is not a field of runner.docker (its fields are cpus, image, memory, network, pids)
            """)
    void namesTheFieldOfEachProblem(String field, String problem) {
        var json = "{\"command\": [\"run\"], " + field + "}";

        assertThat(problems(json)).containsExactly(problem);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            "python3 check.py"            | runner.command: must be an array of strings, one per argument, such as ["java", "{{exercise}}/Check.java"]; a string is never split into arguments
            []                            | runner.command: must not be empty: it needs at least the program to run
            {}                            | runner.command: must be an array of strings, not an object
            [" "]                         | runner.command[0]: must not be empty: it is the program to run
            ["run", 3]                    | runner.command[1]: must be a string, not a number
            ["run", "{{exercise_dir}}"]   | runner.command[1]: unknown placeholder {{exercise_dir}}; the placeholders are {{exercise}} and {{course}}
            ["run", "{{ exercise }}"]     | runner.command[1]: unknown placeholder {{ exercise }}; the placeholders are {{exercise}} and {{course}}
            ["../bin/check"]              | runner.command[0]: '../bin/check' must not contain '..': the program must stay inside the course
            """)
    void checksTheCommand(String command, String problem) {
        assertThat(problems("{\"command\": " + command + "}")).containsExactly(problem);
    }

    @Test
    void aMissingCommandAndAWrongShapeAreReported() {
        assertThat(problems("{}"))
                .containsExactly(
                        "runner.command: is required: the program and its arguments, such as [\"java\", \"{{exercise}}/Check.java\"]");
        var exception = catchThrowableOfType(
                InvalidManifestException.class,
                () -> CourseManifest.parse(bytes(
                        "{\"name\": \"@a/b\", \"version\": \"1.0.0\", \"description\": \"d\", \"runner\": [\"x\"]}")));
        assertThat(exception.problems()).extracting(ManifestProblem::field).containsExactly("runner");
    }

    @Test
    void reportsEveryRunnerProblemWithTheOtherManifestProblems() {
        var exception = catchThrowableOfType(InvalidManifestException.class, () -> CourseManifest.parse(bytes("""
                        {"name": "@a/b", "version": "one", "description": "d",
                         "runner": {"command": ["x", "{{nope}}"], "timeout_seconds": 500,
                                    "docker": {"network": 1, "pids": -1}}}
                        """)));

        assertThat(exception.problems())
                .extracting(ManifestProblem::field)
                .containsExactly(
                        "version",
                        "runner.command[1]",
                        "runner.timeout_seconds",
                        "runner.docker.image",
                        "runner.docker.network",
                        "runner.docker.pids");
        assertThat(exception.getMessage()).contains("runner.timeout_seconds: must be between 1 and 120, not 500");
    }

    @Test
    void theConstructorKeepsTheRules() {
        assertThatThrownBy(() -> new RunnerSpec(List.of(), 10, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunnerSpec(List.of("x"), 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunnerSpec(List.of("x"), 121, null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RunnerSpec runner(String runnerJson) {
        return CourseManifest.parse(bytes(manifest(runnerJson))).runner().orElseThrow();
    }

    private static List<String> problems(String runnerJson) {
        var exception = catchThrowableOfType(
                InvalidManifestException.class, () -> CourseManifest.parse(bytes(manifest(runnerJson))));
        assertThat(exception).as("problems for %s", runnerJson).isNotNull();
        return exception.problems().stream().map(ManifestProblem::toString).toList();
    }

    private static String manifest(String runnerJson) {
        return "{\"name\": \"@a/b\", \"version\": \"1.0.0\", \"description\": \"d\", \"runner\": " + runnerJson + "}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
