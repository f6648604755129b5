package io.progy.cli.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.cli.Cli;
import io.progy.cli.StudentCourses;
import io.progy.cli.Workspaces;
import io.progy.format.CheckResult;
import io.progy.format.ProgressState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The student's loop end to end through the CLI main, on the sample Java course installed as `progy init` does. */
class StudentLoopIT {
    @TempDir
    Path tmp;

    Path home;
    Path work;
    Cli cli;

    @BeforeEach
    void install() throws Exception {
        home = tmp.resolve("home");
        work = Workspaces.install(Workspaces.javaIntroCopy(tmp.resolve("source")), home, tmp.resolve("java-intro"));
        cli = new Cli(home, "http://127.0.0.1:9");
        cli.env.put("PATH", System.getenv("PATH"));
        cli.env.put("PROGY_TOKEN", "progy_do-not-leak");
    }

    @Test
    void aStarterFailsWithItsMessageAndASolutionPassesAndMovesOn() throws Exception {
        var failing = cli.run("test", "--dir", work.toString());
        assertThat(failing.exitCode()).as(failing.toString()).isEqualTo(1);
        assertThat(failing.out())
                .contains("✗ hello (content/01_basics/01_hello) failed")
                .contains("FAIL  prints Hello, World!")
                .contains("Hello, World!");

        var json = cli.run("test", "hello", "--json", "--dir", work.toString());
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(CheckResult.parse(json.out()).status()).isEqualTo(CheckResult.Status.FAIL);

        Workspaces.solve(work, "01_basics/01_hello");
        // from a directory inside the course: the root is found by walking up
        var passing = cli.run("test", "--dir", work.resolve("content/01_basics").toString());
        assertThat(passing.exitCode()).as(passing.toString()).isZero();
        assertThat(passing.out()).contains("✓ hello (content/01_basics/01_hello) passed");
        assertThat(passing.err()).contains("Next: variables");

        var state = ProgressState.load(work);
        assertThat(state.isDone("01_basics/01_hello")).isTrue();
        assertThat(state.exercise("01_basics/01_hello").attempts()).isEqualTo(3);

        var status = cli.run("status", "--dir", work.toString());
        assertThat(status.exitCode()).isZero();
        assertThat(status.out())
                .contains("1 of 8 exercises done (12%)")
                .contains("Current: variables (content/01_basics/02_variables)");
        var list = cli.run("list", "--dir", work.toString());
        assertThat(list.out()).contains("✓ hello").contains("▶ variables").contains("· strings");
        var listJson = cli.run("list", "--json", "--dir", work.toString());
        assertThat(listJson.out())
                .contains("\"current\" : \"01_basics/02_variables\"")
                .contains("\"percent\" : 12");
    }

    @Test
    void hintsComeOneAtATimeAndNextMovesOn() {
        var first = cli.run("hint", "--dir", work.toString());
        assertThat(first.out()).contains("Hint 1 of 4 for hello").contains("System.out.println(\"...\")");
        var second = cli.run("hint", "--dir", work.toString());
        assertThat(second.out()).contains("Hint 2 of 4").contains("one statement inside `main`");
        assertThat(cli.run("hint", "variables", "--dir", work.toString()).out()).contains("Hint 1 of");

        var next = cli.run("next", "--dir", work.toString());
        assertThat(next.exitCode()).isZero();
        assertThat(next.out()).contains("Now on: Variables — variables (content/01_basics/02_variables)");
        assertThat(cli.run("status", "--dir", work.toString()).out()).contains("Current: variables");
    }

    @Test
    void resetRestoresTheShippedFilesOnlyWhenConfirmed() throws Exception {
        var file = work.resolve("content/01_basics/01_hello/Exercise.java");
        var pristine = Files.readString(file);
        Files.writeString(file, "class Broken {");
        Files.writeString(work.resolve("content/01_basics/01_hello/notes.txt"), "mine");

        var refused = cli.run("reset", "hello", "--dir", work.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("pass --yes");
        assertThat(file).hasContent("class Broken {");

        var reset = cli.run("reset", "hello", "--yes", "--dir", work.toString());
        assertThat(reset.exitCode()).as(reset.toString()).isZero();
        assertThat(reset.out()).contains("Reset hello (content/01_basics/01_hello): restored");
        assertThat(Files.readString(file)).isEqualTo(pristine);
        assertThat(work.resolve("content/01_basics/01_hello/notes.txt")).hasContent("mine");
        assertThat(work.resolve("content/01_basics/01_hello")).isDirectoryNotContaining("glob:**/*.progy-reset");
        assertThat(work.resolve(".progy/reset-"))
                .as("no scratch copy of the package")
                .doesNotExist();
    }

    @Test
    void resetReplacesASymlinkInsteadOfWritingThroughIt() throws Exception {
        var file = work.resolve("content/01_basics/01_hello/Exercise.java");
        var outside = Files.writeString(tmp.resolve("outside.txt"), "not the course's");
        Files.delete(file);
        Files.createSymbolicLink(file, outside);

        var reset = cli.run("reset", "hello", "--yes", "--dir", work.toString());

        assertThat(reset.exitCode()).as(reset.toString()).isZero();
        assertThat(file).isRegularFile();
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(Files.readString(file)).contains("class");
        assertThat(outside).hasContent("not the course's");
    }

    @Test
    void aTimeOutIsReportedAsSuch() throws Exception {
        var course = StudentCourses.course(tmp.resolve("slow"), StudentCourses.shellRunner(1));
        StudentCourses.write(course.resolve("runner/check.sh"), "echo thinking\nsleep 30\n");
        var result = cli.run("test", "--dir", course.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out())
                .contains("the check could not finish: timed out after 1 s")
                .contains("thinking");
    }

    @Test
    void aFloodOfOutputIsCutTo500Characters() throws Exception {
        var course = StudentCourses.course(tmp.resolve("flood"), StudentCourses.shellRunner(30));
        StudentCourses.write(
                course.resolve("runner/check.sh"), "yes 'all work and no play' | head -c 30000000\nexit 1\n");
        var result = cli.run("test", "--json", "--dir", course.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        var output = CheckResult.parse(result.out()).tests().get(0).output();
        assertThat(output).hasSize(500).endsWith("\n[output truncated]").startsWith("all work and no play\n");
    }

    @Test
    void exercisesWithSpacesAndUnicodeInTheirNamesWork() throws Exception {
        var course = StudentCourses.course(
                tmp.resolve("curso ñ"), StudentCourses.shellRunner(10), "02 módulo", "01 olá", "02 adeus");
        var failing = cli.run("test", "--dir", course.toString());
        assertThat(failing.exitCode()).as(failing.toString()).isEqualTo(1);
        assertThat(failing.out())
                .contains("hello (content/02 módulo/01 olá) failed")
                .contains("expected ok");

        StudentCourses.write(course.resolve("content/02 módulo/01 olá/answer.txt"), "ok\n");
        var passing = cli.run("test", "01 olá", "--dir", course.toString());
        assertThat(passing.exitCode()).as(passing.toString()).isZero();
        assertThat(ProgressState.load(course).isDone("02 módulo/01 olá")).isTrue();
        assertThat(cli.run("status", "--dir", course.toString()).out())
                .contains("Current: bye (content/02 módulo/02 adeus)");
    }

    @Test
    void theCheckDoesNotSeeTheToken() throws Exception {
        var course = StudentCourses.course(tmp.resolve("env"), StudentCourses.shellRunner(10));
        StudentCourses.write(course.resolve("runner/check.sh"), "env\n");
        var result = cli.run("test", "--json", "--dir", course.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("PATH=")
                .doesNotContain("progy_do-not-leak")
                .doesNotContain("PROGY_");
    }

    @Test
    void aCourseNeedingDockerWithoutDockerExitsWith5() throws Exception {
        var course = StudentCourses.course(
                tmp.resolve("docker"),
                "{\"command\": [\"sh\", \"runner/check.sh\", \"{{exercise}}\"], \"docker\": {\"image\": \"alpine:3\"}}");
        cli.env.put("PATH", Files.createDirectories(tmp.resolve("no-docker")).toString());
        var result = cli.run("test", "--dir", course.toString());
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).contains("docker command was not found");
    }

    @Test
    void outsideACourseOrInABrokenOneTheCommandsSaySo() throws Exception {
        var nowhere = cli.run(
                "status", "--dir", Files.createDirectories(tmp.resolve("empty")).toString());
        assertThat(nowhere.exitCode()).isEqualTo(2);
        assertThat(nowhere.err()).contains("not inside a course").contains("progy init");

        var course = StudentCourses.course(tmp.resolve("broken"), StudentCourses.shellRunner(10));
        StudentCourses.write(
                course.resolve("content/01_basics/info.toml"),
                "[module]\ntitle = \"Basics\"\n\n[[exercises]]\nname = \"gone\"\n");
        var broken = cli.run("test", "--dir", course.toString());
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(2);
        assertThat(broken.err()).contains("is not valid").contains("gone");

        var unknown = cli.run("test", "nope", "--dir", work.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no exercise 'nope'");
    }

    @Test
    void aQuizAsksEveryQuestionAndRecordsTheScore() throws Exception {
        var course = StudentCourses.course(tmp.resolve("quiz"), StudentCourses.shellRunner(10));
        var result = cli.runWithInput("seven\n9\n2\n2\n", "quiz", "--dir", course.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("Question 1 of 2: What must answer.txt say?")
                .contains("Type a number from 1 to 2.")
                .contains("✓ Right.")
                .contains("The check compares it with ok.")
                .contains("✗ Not quite: the answer is 1) progy test.")
                .contains("Score: 1 of 2");
        var score = ProgressState.load(course).exercise("01_basics/01_hello").quiz();
        assertThat(score.correct()).isEqualTo(1);
        assertThat(score.total()).isEqualTo(2);

        var cut = cli.runWithInput("2\n", "quiz", "hello", "--dir", course.toString());
        assertThat(cut.exitCode()).isEqualTo(2);
        assertThat(ProgressState.load(course).exercise("01_basics/01_hello").quiz())
                .isEqualTo(score);
    }
}
