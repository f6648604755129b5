package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseCheckerTest {

    private static final String QUIZ = """
            [{"question": "2 + 2?", "options": ["3", "4"], "answer": 1, "explanation": "Count."}]
            """;

    @TempDir
    Path tmp;

    private CourseFiles course;

    @BeforeEach
    void setUp() {
        course = new CourseFiles(tmp.resolve("course"));
    }

    @Test
    void theSampleCourseIsClean() throws IOException {
        assertThat(CourseChecker.check(CourseFiles.SAMPLE_COURSE)).isEmpty();
    }

    @Test
    void aSmallCompleteCourseIsClean() throws IOException {
        cleanCourse();

        assertThat(CourseChecker.check(course.root())).isEmpty();
    }

    @Test
    void reportsEveryKindOfProblemAtOnce() throws IOException {
        course.write("course.json", """
                        {"name": "@ana/course", "version": "1.0", "description": "d",
                         "runner": {"command": ["python3", "{{exercise}}/check.py"], "timeout_seconds": 0}}
                        """)
                .write("README.md", "# Course\n\nSee [the guide](docs/guide.md) and [the runner](runner/README.md).\n")
                .write("runner/README.md", "Runs checks.\n")
                .write("content/01_m/info.toml", """
                        [module]
                        title = "M"

                        [[exercises]]
                        name = "a"
                        dir = "a"

                        [[exercises]]
                        name = "b"
                        dir = "b"

                        [[exercises]]
                        name = "b"
                        dir = "b2"

                        [[exercises]]
                        name = "c"
                        dir = "missing"
                        """)
                .write("content/01_m/a/main.py", "# no README here\n")
                .write("content/01_m/b/README.md", """
                        # B

                        ![diagram](img/diagram.png) and [the next one](../a/README.md), [up](../../../../outside.md),
                        [web](https://example.com/x.md), [mail](mailto:a@example.com), [top](#b), [main](main.py).

                        ```
                        [not a link](nowhere.md)
                        ```
                        """)
                .write("content/01_m/b/main.py", "# TODO\n")
                .write("content/01_m/b/quiz.json", """
                        [{"question": "", "options": ["yes"], "answer": 3}]
                        """)
                .exercise("content/01_m/orphan", "Orphan")
                .exercise("content/02_loose/x", "X")
                .write("content/03_broken/info.toml", "[module]\ntitle = \"Broken\"\ntitle = \"Twice\"\n");

        var problems = CourseChecker.check(course.root());

        assertThat(problems)
                .extracting(CourseProblem::toString)
                .containsExactly(
                        "course.json: version: '1.0' is not a SemVer 2.0 version; before publishing set \"version\": \"1.0.0\"",
                        "course.json: runner.timeout_seconds: must be between 1 and 120, not 0",
                        "README.md: line 3: broken link to docs/guide.md: no such file or directory",
                        "content/01_m/a: has no README.md telling the student what to do",
                        "content/01_m/b/README.md: line 3: broken link to img/diagram.png: no such file or directory",
                        "content/01_m/b/README.md: line 3: broken link to ../a/README.md: no such file or directory",
                        "content/01_m/b/README.md: line 3: link to ../../../../outside.md leaves the course directory",
                        "content/01_m/b/quiz.json: [0].question: must not be empty",
                        "content/01_m/b/quiz.json: [0].options: must offer at least two choices",
                        "content/01_m/info.toml: exercises[2].name: 'b' is already the name of exercises[1]",
                        "content/01_m/info.toml: exercises[3].dir: directory content/01_m/missing does not exist",
                        "content/01_m/orphan: is not listed in content/01_m/info.toml (add an [[exercises]] entry for"
                                + " it, or remove it)",
                        "content/02_loose: has no info.toml: its exercises are taken in directory name order and its"
                                + " title from its name",
                        "content/03_broken/info.toml: not valid TOML at line 4, column 1: Duplicate key");
    }

    @Test
    void aMissingManifestAndContentAreReported() throws IOException {
        course.mkdir(".");

        assertThat(CourseChecker.check(course.root()))
                .containsExactly(
                        new CourseProblem("course.json", "is missing: a course needs a course.json at its root"),
                        new CourseProblem("content", "is missing: a course keeps its modules in a content/ directory"));
    }

    @Test
    void anEmptyContentDirectoryHasNoModules() throws IOException {
        course.write("course.json", CourseFiles.MANIFEST).mkdir("content");

        assertThat(CourseChecker.check(course.root())).containsExactly(new CourseProblem("content", "has no modules"));
    }

    @Test
    void aCourseNeedsARunner() throws IOException {
        cleanCourse();
        course.write("course.json", "{\"name\": \"@ana/course\", \"version\": \"1.0.0\", \"description\": \"d\"}");

        assertThat(CourseChecker.check(course.root()))
                .containsExactly(
                        new CourseProblem(
                                "course.json",
                                "runner: is missing: add {\"command\": [...]} (or Progy's \"runners\") so that progy test can check the exercises"));
    }

    @Test
    void progysRunnersArrayCountsAsARunner() throws IOException {
        cleanCourse();
        course.write("course.json", """
                {"name": "@ana/course", "version": "1.0.0", "description": "d",
                 "runners": [{"id": "default", "type": "process", "command": "python3", "args": ["{{exercise}}"]}]}
                """);

        assertThat(CourseChecker.check(course.root())).isEmpty();
    }

    @Test
    void aRunnerProgramInTheCourseMustRunThroughAnInterpreter() throws IOException {
        cleanCourse();
        course.write("course.json", manifestWithCommand("[\"./runner/check.sh\", \"{{exercise}}\"]"))
                .write("runner/check.sh", "#!/bin/sh\n");

        assertThat(CourseChecker.check(course.root()))
                .extracting(CourseProblem::toString)
                .containsExactly("course.json: runner.command[0]: ./runner/check.sh is a file of the course, but files"
                        + " unpacked from a .progy are not executable: run it through its interpreter, such as"
                        + " [\"sh\", \"runner/check.sh\"]");
    }

    @Test
    void aMissingRunnerProgramIsReported() throws IOException {
        cleanCourse();
        course.write("course.json", manifestWithCommand("[\"runner/check\"]"));

        assertThat(CourseChecker.check(course.root()))
                .extracting(CourseProblem::toString)
                .containsExactly("course.json: runner.command[0]: runner/check does not exist in the course");
    }

    @Test
    void programsOnThePathOrDependingOnTheExerciseAreNotLookedFor() throws IOException {
        cleanCourse();
        course.write("course.json", manifestWithCommand("[\"{{exercise}}/run.sh\"]"));
        assertThat(CourseChecker.check(course.root())).isEmpty();

        course.write("course.json", manifestWithCommand("[\"/usr/bin/env\", \"python3\"]"));
        assertThat(CourseChecker.check(course.root())).isEmpty();
    }

    @Test
    void acceptsEveryFormOfWorkingLocalLink() throws IOException {
        cleanCourse();
        course.write("content/01_m/a/images/my diagram.png", "png")
                .write("content/01_m/a/README.md", """
                        # A

                        ![one](images/my%20diagram.png) ![two](<images/my diagram.png> "title") [dir](images/)
                        [root](/README.md#start) [self](README.md?plain=1) [up](../info.toml)
                        [ref]: ../../../runner/README.md
                        <img src="images/my diagram.png"> <a href='../a/README.md'>again</a>
                        Inline `[code](nowhere.md)` is no link.
                        """)
                .write("runner/README.md", "How checks run.\n");

        assertThat(CourseChecker.check(course.root())).isEmpty();
    }

    @Test
    void aLinkToAFileTheFilesGlobsLeaveOutBreaksAfterPublishing() throws IOException {
        cleanCourse();
        course.write("course.json", """
                        {"name": "@ana/course", "version": "1.0.0", "description": "d",
                         "runner": {"command": ["python3", "{{exercise}}/check.py"]},
                         "files": ["content/**", "README.md", "!notes/**"]}
                        """)
                .write("README.md", "[notes](notes/plan.md) [content](content/)\n")
                .write("notes/plan.md", "[back to the readme](../README.md) [missing](gone.md)\n");

        assertThat(CourseChecker.check(course.root()))
                .extracting(CourseProblem::toString)
                .containsExactly(
                        "README.md: line 1: link to notes/plan.md breaks in the published course: course.json's files"
                                + " leave it out",
                        "notes/plan.md: line 1: broken link to gone.md: no such file or directory");
    }

    @Test
    void exercisesAndModulesTheFilesGlobsLeaveOutAreReported() throws IOException {
        cleanCourse();
        course.write("course.json", """
                {"name": "@ana/course", "version": "1.0.0", "description": "d",
                 "runner": {"command": ["python3", "{{exercise}}/check.py"]},
                 "files": ["README.md", "content/**", "!content/01_m/b/", "!content/*/info.toml"]}
                """);

        assertThat(CourseChecker.check(course.root()))
                .extracting(CourseProblem::toString)
                .containsExactly(
                        "content/01_m/b: is left out of the package by course.json's files",
                        "content/01_m/info.toml: is left out of the package by course.json's files");
    }

    @Test
    void packerExcludedDirectoriesAreNotSearched() throws IOException {
        cleanCourse();
        course.write("node_modules/pkg/README.md", "[x](missing.md)\n")
                .write(".progy/notes.md", "[x](missing.md)\n")
                .write("target/README.md", "[x](missing.md)\n");

        assertThat(CourseChecker.check(course.root())).isEmpty();
    }

    @Test
    void reportsEveryQuizProblemWithItsFile() throws IOException {
        cleanCourse();
        course.write("content/01_m/a/quiz.json", "{\"questions\": []}");

        assertThat(CourseChecker.check(course.root()))
                .extracting(CourseProblem::path)
                .containsExactly("content/01_m/a/quiz.json");
    }

    @Test
    void refusesAFileAsCourseDirectory() {
        course.write("course.json", "{}");

        assertThatThrownBy(() -> CourseChecker.check(course.root().resolve("course.json")))
                .isInstanceOf(NotDirectoryException.class);
    }

    @Test
    void pathsAreOrderedWithTheManifestFirstThenByDirectory() {
        var paths = new java.util.ArrayList<>(List.of(
                "content/10_b/info.toml",
                "README.md",
                "content/2_a/x",
                "course.json",
                "content/2_a",
                "content/2_a/info.toml"));

        paths.sort(CourseChecker::comparePaths);

        assertThat(paths)
                .containsExactly(
                        "course.json",
                        "README.md",
                        "content/2_a",
                        "content/2_a/info.toml",
                        "content/2_a/x",
                        "content/10_b/info.toml");
    }

    private void cleanCourse() {
        course.write("course.json", CourseFiles.MANIFEST)
                .write("README.md", "# Course\n\nStart with [the first exercise](content/01_m/a/README.md).\n")
                .write("content/01_m/info.toml", CourseFiles.info("M", "a", "b"))
                .exercise("content/01_m/a", "A")
                .write("content/01_m/a/check.py", "print('ok')\n")
                .write("content/01_m/a/quiz.json", QUIZ)
                .exercise("content/01_m/b", "B")
                .write("content/01_m/b/hints.md", "1. Look at [a](../a/README.md).\n");
    }

    private static String manifestWithCommand(String command) {
        return "{\"name\": \"@ana/course\", \"version\": \"1.0.0\", \"description\": \"d\", \"runner\": {\"command\": "
                + command + "}}";
    }
}
