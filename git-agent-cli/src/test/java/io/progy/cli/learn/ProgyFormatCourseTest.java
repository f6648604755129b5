package io.progy.cli.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.cli.Cli;
import io.progy.cli.Json;
import io.progy.cli.ProgyFormatCourse;
import io.progy.format.CheckResult;
import io.progy.format.ProgressState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A course written in Progy's original format (runners[], content, progression, setup, branding, an info.toml
 * [exercises] table, a typed quiz.json) with a process runner speaking the Smart Runner Protocol, through the real
 * CLI main.
 */
class ProgyFormatCourseTest {
    @TempDir
    Path tmp;

    Path course;
    Cli cli;

    @BeforeEach
    void copy() throws IOException {
        course = ProgyFormatCourse.copy(tmp.resolve("srp-demo"));
        cli = new Cli(tmp.resolve("home"), "http://127.0.0.1:9");
        cli.env.put("PATH", System.getenv("PATH"));
    }

    private CheckResult test(int expectedExit, String... extra) {
        var args = new java.util.ArrayList<>(java.util.List.of("test", "--json", "--dir", course.toString()));
        args.addAll(java.util.List.of(extra));
        var run = cli.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(expectedExit);
        return CheckResult.parse(run.out());
    }

    private void answer(String exercise, String text) throws IOException {
        Files.writeString(course.resolve("content/01_intro").resolve(exercise).resolve("answer.txt"), text + "\n");
    }

    @Test
    void aFailureReportedByTheSmartRunnerProtocolKeepsItsTestsAndDiagnostics() throws Exception {
        var result = test(1);

        assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(result.message()).isEqualTo("1 test failed");
        assertThat(result.tests()).hasSize(1);
        assertThat(result.tests().get(0).name()).isEqualTo("answer is ok");
        assertThat(result.tests().get(0).message()).isEqualTo("expected ok");
        assertThat(result.tests().get(0).output()).isEqualTo("got: wrong");
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(CheckResult.Severity.ERROR);
            assertThat(d.message()).isEqualTo("answer.txt must say ok");
            assertThat(d.location()).isEqualTo("content/01_intro/01_hello/answer.txt:1");
            assertThat(d.snippet()).isEqualTo("wrong");
        });

        var text = cli.run("test", "--dir", course.toString());
        assertThat(text.out()).contains("✗ 01_hello (content/01_intro/01_hello) failed");
    }

    @Test
    void aPassAndThenTheSequentialProgressionOpensTheNextExercise() throws Exception {
        var locked = cli.run("test", "02_math", "--dir", course.toString());
        assertThat(locked.exitCode()).as(locked.toString()).isEqualTo(3);
        assertThat(locked.err())
                .contains("02_math (01_intro/02_math) is locked: pass 01_hello (01_intro/01_hello) first");

        answer("01_hello", "ok");
        var result = test(0);
        assertThat(result.passed()).isTrue();
        assertThat(result.tests()).extracting(CheckResult.TestResult::name).containsExactly("answer is ok");
        assertThat(ProgressState.load(course).isDone("01_intro/01_hello")).isTrue();

        var list = cli.run("list", "--dir", course.toString());
        assertThat(list.out()).contains("Introduction").contains("02_math");
        // the next exercise is open now, and fails until solved
        assertThat(test(1, "02_math").status()).isEqualTo(CheckResult.Status.ERROR);
    }

    @Test
    void aMalformedBlockIsAnErrorCarryingTheRunnersOutput() throws Exception {
        answer("01_hello", "garbage");

        var result = test(1);

        assertThat(result.status()).isEqualTo(CheckResult.Status.ERROR);
        assertThat(result.message())
                .startsWith("the runner printed an invalid Smart Runner Protocol block: not valid JSON");
        assertThat(result.tests().get(0).output())
                .contains("runner: checking content/01_intro/01_hello")
                .contains("__SRP_BEGIN__");
    }

    @Test
    void aDockerFileRunnerBuildsItsImageOnceAndRunsTheCheckInIt() throws Exception {
        var bin = Files.createDirectories(tmp.resolve("bin"));
        var docker = bin.resolve("docker");
        Files.writeString(docker, """
                #!/bin/sh
                dir="$(dirname "$0")"
                echo "$1 $2" >> "$dir/calls.txt"
                case "$1" in
                  info) exit 0 ;;
                  image) [ -f "$dir/built" ] && exit 0; exit 1 ;;
                  build) printf '%s\\n' "$@" > "$dir/build-args.txt"; touch "$dir/built"; exit 0 ;;
                  run) printf '%s\\n' "$@" > "$dir/run-args.txt"
                       printf '__SRP_BEGIN__\\n{"success": true, "summary": "ok in a container"}\\n__SRP_END__\\n'
                       exit 0 ;;
                esac
                """);
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        cli.env.put("PATH", bin + ":/usr/bin:/bin");

        assertThat(test(0, "--runner", "docker").passed()).isTrue();
        assertThat(test(0, "01_hello", "--runner", "docker").passed()).isTrue();

        var root = course.toRealPath();
        assertThat(Files.readAllLines(bin.resolve("build-args.txt")))
                .containsExactly(
                        "build",
                        "-t",
                        "srp-demo:1",
                        "-f",
                        root.resolve("Dockerfile").toString(),
                        root.toString());
        assertThat(Files.readAllLines(bin.resolve("calls.txt")).stream().filter(c -> c.startsWith("build")))
                .as("built once per run, and not again when the image is there")
                .hasSize(1);
        var args = Files.readAllLines(bin.resolve("run-args.txt"));
        assertThat(args)
                .containsSubsequence("--network", "none")
                .containsSubsequence("-v", root + ":/workspace:ro")
                .containsSubsequence("-w", "/workspace")
                .containsSubsequence("--cap-drop", "ALL");
        assertThat(args.subList(args.indexOf("srp-demo:1"), args.size()))
                .containsExactly("srp-demo:1", "sh", "/workspace/runner/srp.sh", "content/01_intro/01_hello");

        var unknown = cli.run("test", "--runner", "gpu", "--dir", course.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err())
                .contains("this course has no runner 'gpu'; its runners are local (Local (Process)),"
                        + " docker (Docker)");
    }

    @Test
    void aTypedQuizIsAnsweredInTheTerminalAndItsEssayRecorded() throws Exception {
        var run = cli.runWithInput("1\nf\nI learned the protocol\n", "quiz", "--dir", course.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("Question 1 of 3: What must answer.txt say?")
                .contains("The runner compares it with ok.")
                .contains("true or false (t/f): ")
                .contains("Recorded.")
                .contains("Score: 2 of 2");
        var recorded = Json.mapper()
                .readTree(course.resolve(".progy/quiz/01_intro/01_hello.json").toFile());
        assertThat(recorded.path("answers").path("q3").asText()).isEqualTo("I learned the protocol");
    }

    @Test
    void courseCheckAndPackAcceptTheCourseAndSayWhatToAddBeforePublishing() throws Exception {
        var check = cli.run("course", "check", course.toString());
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out())
                .contains("course.json: name: 'SRP Demo (Progy format)' is not @scope/slug (must have the form"
                        + " @scope/slug, e.g. @alice/java-intro); before publishing set \"name\":"
                        + " \"@<your-user>/srp-demo-progy-format\"")
                .contains("course.json: description: is missing; before publishing add \"description\":")
                .contains("2 problems");

        var pack = cli.run(
                "pack", course.toString(), "-o", tmp.resolve("demo.progy").toString());
        assertThat(pack.exitCode()).as(pack.toString()).isZero();
        assertThat(tmp.resolve("demo.progy")).exists();
        assertThat(pack.err())
                .contains("this course cannot be published yet; before publishing, in course.json:")
                .contains("name: 'SRP Demo (Progy format)' is not @scope/slug");

        var publish = cli.run("publish", course.toString(), "--dry-run", "--skip-check");
        assertThat(publish.exitCode()).isEqualTo(2);
        assertThat(publish.err()).contains("not published: course.json is not ready to publish");
    }
}
