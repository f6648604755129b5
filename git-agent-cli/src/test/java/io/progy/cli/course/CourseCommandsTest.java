package io.progy.cli.course;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.progy.cli.Cli;
import io.progy.cli.ExitCode;
import io.progy.format.CourseChecker;
import io.progy.format.CourseLayout;
import io.progy.format.CourseManifest;
import io.progy.format.CoursePacker;
import io.progy.format.Exercise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code progy course new / add-exercise / check} through the real main, with the real Java checks. */
class CourseCommandsTest {
    static final String HELLO = "content/01_basics/01_hello";

    @TempDir
    Path tmp;

    Cli cli;
    Path course;

    @BeforeEach
    void setUp() {
        // No server is needed: the course commands work offline.
        cli = new Cli(tmp.resolve("home"), "http://127.0.0.1:9");
        cli.env.put("PATH", System.getenv("PATH")); // the checks run `java` from the PATH
        course = tmp.resolve("my course");
    }

    Cli.Result run(String... args) {
        return cli.run(args);
    }

    void newCourse() {
        var created = run("course", "new", course.toString(), "--name", "@ada/java-intro");
        assertThat(created.exitCode()).as(created.toString()).isZero();
    }

    @Test
    void aNewCourseIsCleanItsSolutionPassesAndIsNotPacked() throws IOException {
        var created = run("course", "new", course.toString(), "--name", "@ada/java-intro", "--title", "Intro");

        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.out()).isEqualTo("Created @ada/java-intro@0.1.0 in " + course + "\n");
        var manifest = CourseManifest.read(course.resolve("course.json"));
        assertThat(manifest.version()).isEqualTo("0.1.0");
        assertThat(manifest.description()).startsWith("Intro");
        assertThat(manifest.runner().orElseThrow().command())
                .containsExactly("java", "runner/Check.java", "{{exercise}}");
        var exercise = CourseLayout.load(course).exercises();
        assertThat(exercise).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo(HELLO);
            assertThat(e.name()).isEqualTo("hello");
            assertThat(e.readme()).isNotNull();
            assertThat(e.hints()).isNotNull();
            assertThat(e.solution()).isEqualTo(course.resolve(HELLO + "/solution"));
        });
        assertThat(CoursePacker.listFiles(course))
                .contains(
                        "course.json", "README.md", "runner/Check.java", HELLO + "/Exercise.java", HELLO + "/tests.txt")
                .noneMatch(file -> file.contains("solution")
                        || file.equals(".gitignore")
                        || file.startsWith("content/") && file.endsWith("/Check.java"));
        assertThat(course.resolve(".gitignore")).hasContent(".progy/\n*.progy");

        var before = snapshot(course);
        var check = run("course", "check", course.toString());

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).isEqualTo("@ada/java-intro: 1 module, 1 exercise, 1 solution checked, no problems\n");
        assertThat(snapshot(course))
                .as("the author's files are left as they were")
                .isEqualTo(before);
    }

    @Test
    void newRefusesANonEmptyDirectoryAndAnInvalidName() throws IOException {
        Files.createDirectories(course);
        Files.writeString(course.resolve("notes.txt"), "mine");

        var conflict = run("course", "new", course.toString(), "--name", "@ada/x");
        assertThat(conflict.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(conflict.err()).contains("is not empty");
        try (var files = Files.list(course)) {
            assertThat(files).containsExactly(course.resolve("notes.txt"));
        }

        var invalid = run("course", "new", tmp.resolve("other").toString(), "--name", "Ada/X");
        assertThat(invalid.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(tmp.resolve("other")).doesNotExist();

        var emptyDir = Files.createDirectories(tmp.resolve("empty"));
        assertThat(run("course", "new", emptyDir.toString(), "--name", "@ada/x").exitCode())
                .isZero();
    }

    @Test
    void addExerciseAppendsInOrderAndCreatesModules() throws IOException {
        newCourse();

        var loops = run("course", "add-exercise", "basics", "loops", "--dir", course.toString());
        var arrays =
                run("course", "add-exercise", "01_basics", "arrays", "--dir", course.toString(), "--format", "json");
        var fizz = run("course", "add-exercise", "control_flow", "fizzbuzz", "--dir", course.toString());

        assertThat(loops.exitCode()).as(loops.toString()).isZero();
        assertThat(loops.out()).contains("Added content/01_basics/02_loops (loops)");
        assertThat(arrays.exitCode()).as(arrays.toString()).isZero();
        assertThat(new ObjectMapper().readTree(arrays.out()).path("id").asText())
                .isEqualTo("01_basics/03_arrays");
        assertThat(fizz.exitCode()).as(fizz.toString()).isZero();
        assertThat(fizz.out()).contains("the new module");
        var layout = CourseLayout.load(course);
        assertThat(layout.exercises())
                .extracting(Exercise::id)
                .containsExactly(
                        "01_basics/01_hello",
                        "01_basics/02_loops",
                        "01_basics/03_arrays",
                        "02_control_flow/01_fizzbuzz");
        assertThat(layout.exercises())
                .extracting(Exercise::name)
                .containsExactly("hello", "loops", "arrays", "fizzbuzz");
        assertThat(layout.modules().get(1).title()).isEqualTo("Control flow");
        assertThat(Files.readString(course.resolve("content/01_basics/info.toml")))
                .startsWith("[module]\ntitle = \"Basics\"\n")
                .endsWith("[[exercises]]\nname = \"arrays\"\ndir = \"03_arrays\"\n");
        assertThat(CourseChecker.check(course)).as("the course stays clean").isEmpty();
        assertThat(course.resolve("content/01_basics/02_loops/tests.txt"))
                .content()
                .contains("== test: prints Hello from loops!\nHello from loops!\n");
        assertThat(course.resolve("content/01_basics/02_loops/Check.java")).doesNotExist();
        var check = run("course", "check", course.toString());
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains("2 modules, 4 exercises, 4 solutions checked, no problems");

        var duplicate = run("course", "add-exercise", "basics", "loops", "--dir", course.toString());
        assertThat(duplicate.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(duplicate.err()).contains("already has an exercise loops");
        Files.createDirectories(course.resolve("content/01_basics/07_strings"));
        var unlisted = run("course", "add-exercise", "basics", "strings", "--dir", course.toString());
        assertThat(unlisted.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(unlisted.err()).contains("not listed in info.toml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "9lives", "two words", "a/b", ""})
    void addExerciseRejectsInvalidNames(String name) throws IOException {
        newCourse();
        var before = snapshot(course);

        var result = run("course", "add-exercise", "basics", name, "--dir", course.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("invalid exercise name");
        assertThat(snapshot(course)).isEqualTo(before);
    }

    @Test
    void addExerciseOutsideACourseIsAUsageError() {
        var result = run("course", "add-exercise", "basics", "loops", "--dir", tmp.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("no course.json in");
    }

    @Test
    void checkListsEveryProblemAtOnce() throws IOException {
        newCourse();
        Files.writeString(course.resolve(HELLO + "/README.md"), "# Hello\n\nSee [the notes](notes.md) first.\n");
        Files.createDirectories(course.resolve("content/01_basics/02_orphan"));
        Files.writeString(course.resolve("content/01_basics/02_orphan/README.md"), "# Orphan\n");
        Files.writeString(
                course.resolve("content/01_basics/info.toml"),
                "\n[[exercises]]\nname = \"gone\"\ndir = \"03_gone\"\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(
                course.resolve(HELLO + "/quiz.json"),
                "[{\"question\": \"Which?\", \"options\": [\"a\", \"b\"], \"answer\": 5}]");

        var result = run("course", "check", course.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.out())
                .contains("content/01_basics/01_hello/README.md: line 3: broken link to notes.md")
                .contains("content/01_basics/02_orphan")
                .contains("03_gone")
                .contains("content/01_basics/01_hello/quiz.json: [0].answer")
                .contains("4 problems");
        assertThat(result.out().lines().filter(line -> line.startsWith("content/")))
                .hasSize(4);

        var json = new ObjectMapper()
                .readTree(run("course", "check", course.toString(), "--format", "json")
                        .out());
        assertThat(json.path("clean").asBoolean()).isFalse();
        assertThat(json.path("problems")).hasSize(4);
        assertThat(json.path("problems").path(0).path("path").asText()).startsWith("content/01_basics");
    }

    @Test
    void aStarterThatAlreadyPassesIsFlagged() throws IOException {
        newCourse();
        Files.copy(
                course.resolve(HELLO + "/solution/Exercise.java"),
                course.resolve(HELLO + "/Exercise.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        var result = run("course", "check", course.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.out())
                .contains(HELLO + ": the starting files already pass the check")
                .contains("1 problem");
    }

    @Test
    void aSolutionThatFailsIsFlaggedAndTheAuthorsFilesStayAsTheyWere() throws IOException {
        newCourse();
        var solution = course.resolve(HELLO + "/solution/Exercise.java");
        Files.writeString(solution, Files.readString(solution).replace("Hello, World!", "Hello, world"));
        var before = snapshot(course);

        var result = run("course", "check", course.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.out())
                .contains(HELLO + "/solution: does not pass the check: fail: the check exited with code 1")
                .contains("FAIL  prints Hello, World!");
        assertThat(result.out()).doesNotContain("starting files");
        assertThat(snapshot(course)).isEqualTo(before);
    }

    @Test
    void aSolutionFileReplacesTheStartingFileTheRunnerDoesNotName() throws IOException {
        newCourse();
        var exercise = course.resolve(HELLO);
        Files.move(exercise.resolve("solution/Exercise.java"), exercise.resolve("Solution.java"));
        Files.delete(exercise.resolve("solution"));

        var clean = run("course", "check", course.toString());
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.out()).contains("1 solution checked, no problems");
        assertThat(clean.err()).contains("note: " + HELLO + "/Solution.java is packed");

        Files.writeString(exercise.resolve("Other.java"), "class Other {}\n");
        var ambiguous = run("course", "check", course.toString());
        assertThat(ambiguous.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(ambiguous.out())
                .contains(HELLO + "/Solution.java: cannot tell which starting file this solution replaces"
                        + " (Exercise.java, Other.java)");
    }

    /** A course whose check is a shell script: an exercise passes when its answer.txt says "solved". */
    Path shellCourse(String check) throws IOException {
        Files.createDirectories(course.resolve("runner"));
        Files.writeString(course.resolve("course.json"), """
                {"name": "@ada/shell", "version": "1.0.0", "description": "Checked by sh",
                 "files": ["course.json", "content/**", "runner/**", "!content/**/solution/**", "!content/01_m/02_b/**"],
                 "runner": {"command": ["sh", "runner/check.sh", "{{exercise}}"], "timeout_seconds": 1}}
                """);
        Files.writeString(course.resolve("runner/check.sh"), check);
        var module = Files.createDirectories(course.resolve("content/01_m"));
        Files.writeString(module.resolve("info.toml"), """
                [module]
                title = "M"

                [[exercises]]
                name = "a"
                dir = "01_a"

                [[exercises]]
                name = "b"
                dir = "02_b"
                """);
        for (var dir : new String[] {"01_a", "02_b"}) {
            var exercise = Files.createDirectories(module.resolve(dir + "/solution"));
            Files.writeString(exercise.resolve("../README.md"), "# " + dir + "\n");
            Files.writeString(exercise.resolve("../answer.txt"), "todo\n");
            Files.writeString(exercise.resolve("answer.txt"), "solved\n");
        }
        Files.delete(module.resolve("02_b/solution/answer.txt"));
        Files.delete(module.resolve("02_b/solution"));
        return course;
    }

    @Test
    void solutionsRunWhileAnotherExerciseIsLeftOutOfThePackage() throws IOException {
        shellCourse("grep -q solved \"$1/answer.txt\"\n");

        var result = run("course", "check", course.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.out())
                .isEqualTo("content/01_m/02_b: is left out of the package by course.json's files\n"
                        + "@ada/shell: 1 module, 2 exercises, 1 solution checked, 1 problem\n");
    }

    @Test
    void aSolutionThatTimesOutIsReportedAsSuch() throws IOException {
        shellCourse("grep -q solved \"$1/answer.txt\" || exit 1\nsleep 30\n");

        var result = run("course", "check", course.toString(), "--format", "json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FAILURE);
        var problems = new ObjectMapper().readTree(result.out()).path("problems");
        assertThat(problems.findValuesAsText("message"))
                .contains("does not pass the check: error: timed out after 1 s");
    }

    @Test
    void theNewCoursesCheckProgramIsTheSampleCourses() throws IOException {
        var sample = repository().resolve("courses/java-intro/runner/Check.java");
        newCourse();

        assertThat(Files.readString(course.resolve("runner/Check.java")))
                .as("runner/Check.java of a new course is the sample course's, as it is")
                .isEqualTo(Files.readString(sample));
        assertThat(course.resolve(HELLO + "/Check.java")).doesNotExist();
        assertThat(Files.readString(course.resolve(HELLO + "/tests.txt")))
                .contains("# The tests of " + HELLO + ":")
                .endsWith("\n== test: prints Hello, World!\nHello, World!\n");
        var list = new ProcessBuilder("java", "runner/Check.java", "--list", HELLO)
                .directory(course.toFile())
                .redirectErrorStream(true)
                .start();
        var listed = new String(list.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(waitFor(list)).as(listed).isZero();
        assertThat(listed).isEqualTo("prints Hello, World!   (java Exercise.java)\n");
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSampleCourseIsClean() {
        var result = run(
                "course", "check", repository().resolve("courses/java-intro").toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("@progy/java-intro: 2 modules, 8 exercises, 0 solutions checked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"course", "course new", "course add-exercise", "course check"})
    void everyCourseCommandHasHelpWithExamples(String command) {
        var args = (command + " --help").split(" ");
        var result = run(args);
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: progy " + command).contains("Examples:");
    }

    @Test
    void courseWithoutASubcommandIsAUsageError() {
        var result = run("course");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("progy course check");
    }

    static Path repository() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("courses/java-intro"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no courses/java-intro above " + Path.of("").toAbsolutePath());
    }

    /** Every file under {@code root} with its content, to prove a command changed nothing. */
    static Map<String, String> snapshot(Path root) throws IOException {
        var files = new TreeMap<String, String>();
        try (var paths = Files.walk(root)) {
            for (var path : paths.toList()) {
                var key = root.relativize(path).toString();
                files.put(key, Files.isRegularFile(path) ? Files.readString(path) : "<dir>");
            }
        }
        return files;
    }
}
