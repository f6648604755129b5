package io.progy.cli.check;

import static io.progy.cli.StudentCourses.shellRunner;
import static io.progy.cli.StudentCourses.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.StudentCourses;
import io.progy.format.CheckResult;
import io.progy.format.CourseLayout;
import io.progy.format.Exercise;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckRunnerTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

    private Map<String, String> env() {
        var env = new HashMap<String, String>();
        env.put("PATH", System.getenv("PATH"));
        return env;
    }

    private CheckResult check(Path course, Map<String, String> env) throws Exception {
        var runner = CheckRunner.forCourse(course, env, new PrintStream(warnings, true, StandardCharsets.UTF_8));
        return runner.run(course, first(course));
    }

    private static Exercise first(Path course) throws Exception {
        return CourseLayout.load(course).exercises().get(0);
    }

    @Test
    void aFailingCheckFailsWithItsOutputAndExitCode() throws Exception {
        var course = StudentCourses.course(tmp.resolve("c"), shellRunner(10));
        var result = check(course, env());
        assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(result.firstFailure().orElseThrow().message()).isEqualTo("the check exited with code 1");
        assertThat(result.firstFailure().orElseThrow().output()).contains("FAIL answer: expected ok");
    }

    @Test
    void aPassingCheckPassesAndAStaleResultsFileIsIgnored() throws Exception {
        var course = StudentCourses.course(tmp.resolve("c"), shellRunner(10));
        var exercise = first(course);
        write(exercise.dir().resolve("answer.txt"), "ok\n");
        write(exercise.dir().resolve("results.json"), "{\"version\": 3, \"status\": \"fail\", \"tests\": []}");
        var result = check(course, env());
        assertThat(result.passed()).as(result.toJson()).isTrue();
        assertThat(exercise.dir().resolve("results.json")).doesNotExist();
    }

    @Test
    void aResultsFileTheCheckWritesIsRead() throws Exception {
        var course = StudentCourses.course(tmp.resolve("c"), shellRunner(10));
        write(course.resolve("runner/check.sh"), """
                printf '{"version":3,"status":"fail","tests":[{"name":"greets","status":"fail","message":"said nothing"}]}' > "$1/results.json"
                exit 1
                """);
        var result = check(course, env());
        assertThat(result.firstFailure().orElseThrow().name()).isEqualTo("greets");
        assertThat(result.firstFailure().orElseThrow().message()).isEqualTo("said nothing");
    }

    @Test
    void aTimeOutIsReportedAndKillsTheWholeProcessTree() throws Exception {
        var course = StudentCourses.course(tmp.resolve("c"), shellRunner(1));
        write(course.resolve("runner/check.sh"), """
                echo started
                sleep 300 &
                echo $! > "$1/child.pid"
                echo $$ > "$1/parent.pid"
                wait
                """);
        long start = System.nanoTime();
        var result = check(course, env());
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(result.status()).isEqualTo(CheckResult.Status.ERROR);
        assertThat(result.message()).isEqualTo("timed out after 1 s");
        assertThat(result.tests().get(0).output()).contains("started");
        assertThat(elapsed).isLessThan(8_000);
        var dir = first(course).dir();
        for (var pidFile : List.of("child.pid", "parent.pid")) {
            long pid = Long.parseLong(Files.readString(dir.resolve(pidFile)).strip());
            var handle = ProcessHandle.of(pid);
            if (handle.isPresent()) {
                handle.get().onExit().get(5, TimeUnit.SECONDS);
                assertThat(handle.get().isAlive()).as(pidFile).isFalse();
            }
        }
    }

    @Test
    void aFloodOfOutputIsCappedAndCut() throws Exception {
        var course = StudentCourses.course(tmp.resolve("c"), shellRunner(20));
        // 64 MiB of output: far more than progy keeps
        write(course.resolve("runner/check.sh"), "head -c 67108864 /dev/zero | tr '\\0' x\nexit 1\n");
        var result = check(course, env());
        var output = result.tests().get(0).output();
        assertThat(output).hasSize(CheckResult.MAX_OUTPUT_CHARS).endsWith(CheckResult.TRUNCATION_MARKER);
        assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);

        var outcome = CheckProcess.run(List.of("sh", "runner/check.sh"), course, env(), Duration.ofSeconds(20), null);
        assertThat(outcome.output().length())
                .isLessThanOrEqualTo(CheckProcess.MAX_KEPT_BYTES + CheckProcess.DISCARDED_MARKER.length());
        assertThat(outcome.output()).endsWith(CheckProcess.DISCARDED_MARKER);
        assertThat(outcome.exitCode()).isEqualTo(1);
    }

    @Test
    void theCheckNeverSeesTokensOrCredentials() throws Exception {
        var course = StudentCourses.course(tmp.resolve("c"), shellRunner(10));
        write(course.resolve("runner/check.sh"), "env > \"$1/env.txt\"\n");
        var env = env();
        env.put("PROGY_TOKEN", "progy_secret-token");
        env.put("AWS_SECRET_ACCESS_KEY", "aws-secret");
        env.put("GITHUB_TOKEN", "gh-secret");
        env.put("DB_PASSWORD", "db-secret");
        env.put("MY_API_KEY", "api-secret");
        env.put("SSH_AUTH_SOCK", "/tmp/agent-secret.sock");
        env.put("LANG_FOR_CHECK", "kept-value");
        env.put("GIT_AUTHOR_NAME", "Ana");
        assertThat(check(course, env).passed()).isTrue();
        var seen = Files.readString(first(course).dir().resolve("env.txt"));
        assertThat(seen)
                .contains("LANG_FOR_CHECK=kept-value", "GIT_AUTHOR_NAME=Ana")
                .doesNotContain("secret");
    }

    @Test
    void aMissingProgramIsAnErrorResult() throws Exception {
        var course =
                StudentCourses.course(tmp.resolve("c"), "{\"command\": [\"no-such-program-xyz\", \"{{exercise}}\"]}");
        var result = check(course, env());
        assertThat(result.status()).isEqualTo(CheckResult.Status.ERROR);
        assertThat(result.message()).contains("no-such-program-xyz was not found on the PATH");
    }

    @Test
    void anExerciseOutsideTheCourseIsRefused() throws Exception {
        var course = StudentCourses.course(tmp.resolve("c"), shellRunner(10));
        var outside = Files.createDirectories(tmp.resolve("elsewhere"));
        var real = first(course);
        Files.move(real.dir(), tmp.resolve("moved"));
        Files.createSymbolicLink(real.dir(), outside);
        var runner = CheckRunner.forCourse(course, env(), new PrintStream(warnings));
        assertThatThrownBy(() -> runner.run(course, real))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("outside the course");
    }

    private Path fakeDocker(String infoScript) throws Exception {
        var bin = Files.createDirectories(tmp.resolve("bin"));
        var docker = bin.resolve("docker");
        Files.writeString(docker, """
                #!/bin/sh
                log="$(dirname "$0")/calls.txt"
                echo "--- $1" >> "$log"
                case "$1" in
                  info) %s ;;
                  run) printf '%%s\\n' "$@" > "$(dirname "$0")/run-args.txt"; echo "PASS in container"; exit 0 ;;
                  kill) exit 0 ;;
                esac
                """.formatted(infoScript));
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static String dockerRunner(boolean network) {
        return "{\"command\": [\"java\", \"{{exercise}}/Check.java\", \"{{course}}\"], \"timeout_seconds\": 30,"
                + " \"docker\": {\"image\": \"eclipse-temurin:21\", \"network\": " + network
                + ", \"memory\": \"256m\", \"cpus\": 1.5, \"pids\": 128}}";
    }

    @Test
    void theDockerRunnerBuildsAHardenedCommandLine() throws Exception {
        var course = StudentCourses.course(tmp.resolve("my course"), dockerRunner(false));
        var bin = fakeDocker("echo 'Server Version: 27.0'; exit 0");
        var env = env();
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.put("PROGY_TOKEN", "progy_secret");
        var result = check(course, env);
        assertThat(result.passed()).as(result.toJson()).isTrue();
        var args = Files.readAllLines(bin.resolve("run-args.txt"));
        var root = course.toRealPath();
        assertThat(args)
                .containsSubsequence("run", "--rm")
                .containsSubsequence("--network", "none")
                .contains("--read-only")
                .containsSubsequence("-v", root + ":/course:ro")
                .containsSubsequence("-w", "/course")
                .containsSubsequence("--user", "1000:1000")
                .containsSubsequence("--memory", "256m")
                .containsSubsequence("--cpus", "1.5")
                .containsSubsequence("--pids-limit", "128")
                .containsSubsequence("--security-opt", "no-new-privileges")
                .containsSubsequence("--cap-drop", "ALL");
        // the image, then the runner's arguments with the container's paths
        assertThat(args.subList(args.indexOf("eclipse-temurin:21"), args.size()))
                .containsExactly("eclipse-temurin:21", "java", "content/01_basics/01_hello/Check.java", "/course");
        assertThat(String.join("\n", args)).doesNotContain("progy_secret");
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aCourseAskingForTheNetworkGetsItWithAWarningBanner() throws Exception {
        var course = StudentCourses.course(tmp.resolve("c"), dockerRunner(true));
        var bin = fakeDocker("exit 0");
        var env = env();
        env.put("PATH", bin + ":/usr/bin:/bin");
        assertThat(check(course, env).passed()).isTrue();
        assertThat(Files.readAllLines(bin.resolve("run-args.txt"))).doesNotContain("--network", "none");
        assertThat(warnings.toString(StandardCharsets.UTF_8))
                .contains("WARNING")
                .contains("NETWORK ACCESS");
    }

    @Test
    void missingDockerIsExitCode5() throws Exception {
        var course = StudentCourses.course(tmp.resolve("c"), dockerRunner(false));
        var env = env();
        env.put("PATH", Files.createDirectories(tmp.resolve("empty-bin")).toString());
        assertThatThrownBy(() -> check(course, env))
                .isInstanceOfSatisfying(
                        CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNAVAILABLE))
                .hasMessageContaining("docker command was not found");
    }

    @Test
    void aDockerDaemonThatIsDownIsExitCode5() throws Exception {
        var course = StudentCourses.course(tmp.resolve("c"), dockerRunner(false));
        var bin = fakeDocker("echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.'"
                + " 'Is the docker daemon running?' >&2; exit 1");
        var env = env();
        env.put("PATH", bin + ":/usr/bin:/bin");
        assertThatThrownBy(() -> check(course, env))
                .isInstanceOfSatisfying(
                        CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNAVAILABLE))
                .hasMessageContaining("Cannot connect to the Docker daemon");
        assertThat(Files.readString(bin.resolve("calls.txt"))).doesNotContain("--- run");
    }

    @Test
    void aMissingImageIsPulledBeforeTheCheckAndAFailedPullIsExitCode5() throws Exception {
        var course = StudentCourses.course(tmp.resolve("c"), dockerRunner(false));
        var bin = fakeDocker("exit 0");
        // the image is not there: `docker image inspect` fails, `docker pull` succeeds
        var docker = bin.resolve("docker");
        Files.writeString(
                docker, Files.readString(docker).replace("  kill) exit 0 ;;", "  kill) exit 0 ;;\n  image) exit 1 ;;"));
        var env = env();
        env.put("PATH", bin + ":/usr/bin:/bin");
        assertThat(check(course, env).passed()).isTrue();
        assertThat(Files.readAllLines(bin.resolve("calls.txt")))
                .containsExactly("--- info", "--- image", "--- pull", "--- run");
        assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("Pulling eclipse-temurin:21");

        Files.writeString(
                docker,
                Files.readString(docker)
                        .replace(
                                "  image) exit 1 ;;",
                                "  image) exit 1 ;;\n  pull) echo 'pull access denied' >&2; exit 1 ;;"));
        assertThatThrownBy(() -> check(course, env))
                .isInstanceOfSatisfying(
                        CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNAVAILABLE))
                .hasMessageContaining("cannot pull the image eclipse-temurin:21: pull access denied");
    }

    @Test
    void aTimedOutContainerIsKilledByName() throws Exception {
        var course = StudentCourses.course(tmp.resolve("c"), dockerRunner(false).replace("30", "1"));
        var bin = Files.createDirectories(tmp.resolve("bin"));
        var docker = bin.resolve("docker");
        Files.writeString(docker, """
                #!/bin/sh
                echo "$@" >> "$(dirname "$0")/calls.txt"
                [ "$1" = run ] && exec sleep 300
                exit 0
                """);
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        var env = env();
        env.put("PATH", bin + ":/usr/bin:/bin");
        var result = check(course, env);
        assertThat(result.message()).isEqualTo("timed out after 1 s");
        var calls = Files.readAllLines(bin.resolve("calls.txt"));
        var name = calls.stream()
                .filter(line -> line.startsWith("run "))
                .map(line -> line.split(" ")[3])
                .findFirst()
                .orElseThrow();
        assertThat(name).startsWith("progy-check-");
        assertThat(calls).contains("kill " + name);
    }

    @Test
    void aComposeRunnerRunsTheCheckInItsServiceThenTakesTheProjectDown() throws Exception {
        var course = StudentCourses.course(tmp.resolve("c"), shellRunner(10));
        write(course.resolve("course.json"), """
                {"name": "SQL course", "runners": [{"id": "db", "type": "docker-compose",
                  "compose_file": "runner/compose.yml", "service_to_run": "runner",
                  "command": "python3 /app/check.py {{exercise}}", "args": [], "cwd": "."}]}
                """);
        write(
                course.resolve("runner/compose.yml"),
                "services:\n  runner:\n    image: python:3\n    privileged: true\n");
        var bin = Files.createDirectories(tmp.resolve("bin"));
        var docker = bin.resolve("docker");
        Files.writeString(docker, """
                #!/bin/sh
                echo "$*" >> "$(dirname "$0")/calls.txt"
                case "$*" in
                  *" run "*) printf '__SRP_BEGIN__\\n{"success": true, "summary": "query ok"}\\n__SRP_END__\\n' ;;
                esac
                exit 0
                """);
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        var env = env();
        env.put("PATH", bin + ":/usr/bin:/bin");

        var result = check(course, env);

        assertThat(result.passed()).as(result.toJson()).isTrue();
        var root = course.toRealPath();
        var calls = Files.readAllLines(bin.resolve("calls.txt"));
        assertThat(calls.get(0)).isEqualTo("info");
        assertThat(calls.get(1)).isEqualTo("compose version");
        var run = calls.get(2);
        var project = run.split(" ")[4];
        assertThat(project).startsWith("progy-check-");
        assertThat(run)
                .isEqualTo("compose -f " + root.resolve("runner/compose.yml") + " -p " + project
                        + " run --rm -T -v " + root + ":/workspace:ro -w /workspace runner python3 /app/check.py"
                        + " content/01_basics/01_hello");
        assertThat(calls.get(3))
                .isEqualTo("compose -f " + root.resolve("runner/compose.yml") + " -p " + project
                        + " down --volumes --remove-orphans --timeout 1");
        assertThat(warnings.toString(StandardCharsets.UTF_8))
                .contains("WARNING")
                .contains("runner/compose.yml asks")
                .contains("privileged: true");
    }

    @Test
    void setupChecksPassOnExitZeroAndSayWhyTheyFail() throws Exception {
        var course = StudentCourses.course(tmp.resolve("c"), shellRunner(10));
        var setup = new io.progy.format.CourseSetup(
                List.of(
                        new io.progy.format.CourseSetup.Check("shell", List.of("sh", "-c", "echo fine"), null),
                        new io.progy.format.CourseSetup.Check(
                                "docker", List.of("no-such-program-xyz", "info"), "Install Docker Desktop."),
                        new io.progy.format.CourseSetup.Check(
                                "version", List.of("sh", "-c", "echo too old >&2; exit 3"), null)),
                "SETUP.md");

        var outcomes = SetupChecks.run(setup, course, env());

        assertThat(outcomes)
                .extracting(SetupChecks.Outcome::name, SetupChecks.Outcome::passed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("shell", true),
                        org.assertj.core.groups.Tuple.tuple("docker", false),
                        org.assertj.core.groups.Tuple.tuple("version", false));
        assertThat(outcomes.get(1).output()).isEqualTo("no-such-program-xyz was not found on the PATH");
        assertThat(outcomes.get(1).solution()).isEqualTo("Install Docker Desktop.");
        assertThat(outcomes.get(2).output()).contains("too old");
    }
}
