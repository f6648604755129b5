package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseLayoutTest {

    @TempDir
    Path tmp;

    private CourseFiles course;

    @BeforeEach
    void setUp() {
        course = new CourseFiles(tmp.resolve("course")).write("course.json", CourseFiles.MANIFEST);
    }

    @Test
    void listsTheSampleCoursesEightExercisesInOrder() throws IOException {
        var layout = CourseLayout.load(CourseFiles.SAMPLE_COURSE);

        assertThat(layout.root())
                .isEqualTo(CourseFiles.SAMPLE_COURSE.toAbsolutePath().normalize());
        assertThat(layout.modules()).extracting(CourseModule::id).containsExactly("01_basics", "02_control_flow");
        assertThat(layout.modules()).extracting(CourseModule::title).containsExactly("Java basics", "Control flow");
        assertThat(layout.exercises())
                .extracting(Exercise::id)
                .containsExactly(
                        "01_basics/01_hello",
                        "01_basics/02_variables",
                        "01_basics/03_strings",
                        "01_basics/04_methods",
                        "02_control_flow/01_if_else",
                        "02_control_flow/02_loops",
                        "02_control_flow/03_arrays",
                        "02_control_flow/04_fizzbuzz");
        assertThat(layout.exercises())
                .extracting(Exercise::title)
                .containsExactly(
                        "Hello, World!", "Variables", "Strings", "Methods", "if / else", "Loops", "Arrays", "FizzBuzz");
        var hello = layout.exercises().get(0);
        assertThat(hello.name()).isEqualTo("hello");
        assertThat(hello.module()).isEqualTo("01_basics");
        assertThat(hello.dirName()).isEqualTo("01_hello");
        assertThat(hello.path()).isEqualTo("content/01_basics/01_hello");
        assertThat(hello.dir()).isEqualTo(layout.root().resolve("content/01_basics/01_hello"));
        assertThat(hello.readme()).isEqualTo(hello.dir().resolve("README.md"));
        assertThat(hello.hints()).isEqualTo(hello.dir().resolve("hints.md"));
        assertThat(hello.quiz()).isNull();
        assertThat(hello.solution())
                .as("the sample's solutions live outside the course")
                .isNull();
        assertThat(hello.hint()).isEqualTo("Print one line with System.out.println(\"...\");");
        assertThat(hello.skip()).isFalse();
    }

    @Test
    void findsAnExerciseByIdPathNameOrDirectory() throws IOException {
        var layout = CourseLayout.load(CourseFiles.SAMPLE_COURSE);

        assertThat(layout.exercise("02_control_flow/02_loops"))
                .get()
                .extracting(Exercise::name)
                .isEqualTo("loops");
        assertThat(layout.exercise("02_loops")).isEmpty();
        assertThat(layout.find("02_control_flow/02_loops"))
                .extracting(Exercise::name)
                .containsExactly("loops");
        assertThat(layout.find("content/02_control_flow/02_loops/"))
                .extracting(Exercise::name)
                .containsExactly("loops");
        assertThat(layout.find("fizzbuzz")).extracting(Exercise::id).containsExactly("02_control_flow/04_fizzbuzz");
        assertThat(layout.find("03_arrays")).extracting(Exercise::id).containsExactly("02_control_flow/03_arrays");
        assertThat(layout.find("nothing")).isEmpty();
    }

    @Test
    void anAmbiguousReferenceFindsEveryMatch() throws IOException {
        course.write("content/01_a/info.toml", CourseFiles.info("A", "01_intro"))
                .exercise("content/01_a/01_intro", "Intro A")
                .write("content/02_b/info.toml", CourseFiles.info("B", "01_intro"))
                .exercise("content/02_b/01_intro", "Intro B");

        var layout = CourseLayout.load(course.root());

        assertThat(layout.find("01_intro")).extracting(Exercise::id).containsExactly("01_a/01_intro", "02_b/01_intro");
    }

    @Test
    void modulesFollowNaturalNameOrderAndExercisesTheInfoTomlOrder() throws IOException {
        course.write("content/10_late/info.toml", CourseFiles.info("Late", "a"))
                .exercise("content/10_late/a", "A")
                .write("content/2_early/info.toml", CourseFiles.info("Early", "zeta", "alpha", "mid"))
                .exercise("content/2_early/alpha", "Alpha")
                .exercise("content/2_early/zeta", "Zeta")
                .exercise("content/2_early/mid", "Mid")
                .write("content/notes.md", "not a module\n")
                .mkdir("content/.hidden/x");

        var layout = CourseLayout.load(course.root());

        assertThat(layout.modules()).extracting(CourseModule::id).containsExactly("2_early", "10_late");
        assertThat(layout.exercises())
                .extracting(Exercise::id)
                .containsExactly("2_early/zeta", "2_early/alpha", "2_early/mid", "10_late/a");
    }

    @Test
    void exerciseDirectoriesMayHoldSpacesAndUnicode() throws IOException {
        course.write("content/01_módulo/info.toml", """
                        [module]
                        title = "Módulo um"

                        [[exercises]]
                        name = "olá"
                        dir = "01 olá mundo ✓"
                        hint = "Use println"
                        skip = true
                        """).exercise("content/01_módulo/01 olá mundo ✓", "Olá, mundo");

        var exercise = CourseLayout.load(course.root()).exercises().get(0);

        assertThat(exercise.id()).isEqualTo("01_módulo/01 olá mundo ✓");
        assertThat(exercise.path()).isEqualTo("content/01_módulo/01 olá mundo ✓");
        assertThat(exercise.name()).isEqualTo("olá");
        assertThat(exercise.title()).isEqualTo("Olá, mundo");
        assertThat(exercise.hint()).isEqualTo("Use println");
        assertThat(exercise.skip()).isTrue();
        assertThat(Files.isDirectory(exercise.dir())).isTrue();
    }

    @Test
    void dirDefaultsToTheName() throws IOException {
        course.write("content/m/info.toml", "[module]\ntitle = \"M\"\n[[exercises]]\nname = \"hello\"\n")
                .exercise("content/m/hello", "Hello");

        assertThat(CourseLayout.load(course.root()).exercises())
                .extracting(Exercise::path)
                .containsExactly("content/m/hello");
    }

    @Test
    void findsQuizHintsAndSolutionFilesOrDirectories() throws IOException {
        course.write("content/m/info.toml", CourseFiles.info("M", "a", "b", "c"))
                .exercise("content/m/a", "A")
                .write("content/m/a/quiz.json", "[]")
                .write("content/m/a/Solution.java", "class Solution {}")
                .exercise("content/m/b", "B")
                .write("content/m/b/solution/main.py", "print(1)")
                .write("content/m/b/solution.md", "why")
                .exercise("content/m/c", "C");

        var exercises = CourseLayout.load(course.root()).exercises();

        assertThat(exercises.get(0).quiz()).isEqualTo(exercises.get(0).dir().resolve("quiz.json"));
        assertThat(exercises.get(0).solution()).isEqualTo(exercises.get(0).dir().resolve("Solution.java"));
        assertThat(exercises.get(0).hints()).isNull();
        assertThat(exercises.get(1).solution()).isEqualTo(exercises.get(1).dir().resolve("solution"));
        assertThat(exercises.get(2).solution()).isNull();
        assertThat(exercises.get(2).quiz()).isNull();
    }

    @Test
    void titleIsTheFirstLevelOneHeadingOutsideCodeOrTheName() throws IOException {
        course.write("content/m/info.toml", CourseFiles.info("M", "a", "b", "c"))
                .write("content/m/a/README.md", "Intro text\n```\n# not a title\n```\n## Sub\n# The Title #\n")
                .write("content/m/b/README.md", "## Only a subheading\n")
                .mkdir("content/m/c");

        var exercises = CourseLayout.load(course.root()).exercises();

        assertThat(exercises).extracting(Exercise::title).containsExactly("The Title", "b", "c");
        assertThat(exercises.get(2).readme()).isNull();
    }

    @Test
    void aModuleWithoutInfoTomlTakesItsDirectoriesInNameOrder() throws IOException {
        course.exercise("content/03_control_flow/10_last", "Last")
                .exercise("content/03_control_flow/2_second", "Second")
                .exercise("content/03_control_flow/1_first", "First");

        var module = CourseLayout.load(course.root()).modules().get(0);

        assertThat(module.title()).isEqualTo("Control flow");
        assertThat(module.info()).isNull();
        assertThat(module.exercises()).extracting(Exercise::name).containsExactly("1_first", "2_second", "10_last");
    }

    @Test
    void unlistedDirectoriesDoNotStopLoading() throws IOException {
        course.write("content/m/info.toml", CourseFiles.info("M", "a"))
                .exercise("content/m/a", "A")
                .exercise("content/m/extra", "Extra");

        assertThat(CourseLayout.load(course.root()).exercises())
                .extracting(Exercise::id)
                .containsExactly("m/a");
    }

    @Test
    void reportsEveryStructuralProblemAtOnce() {
        course.write("content/01_bad_toml/info.toml", "[module\ntitle = 1\n")
                .write("content/02_fields/info.toml", """
                        title = "forgot the table"

                        [[exercises]]
                        dir = "a"

                        [[exercises]]
                        name = "b"
                        dir = "../escape"

                        [[exercises]]
                        name = "c"
                        dir = "c"
                        skip = "yes"
                        hints = "typo"
                        """)
                .mkdir("content/02_fields/a")
                .write("content/03_dupes/info.toml", """
                        [module]
                        title = "Dupes"

                        [[exercises]]
                        name = "x"
                        dir = "One"

                        [[exercises]]
                        name = "x"
                        dir = "one"

                        [[exercises]]
                        name = "gone"
                        dir = "gone"
                        """)
                .exercise("content/03_dupes/One", "One")
                .write("content/04_shape/info.toml", "[module]\ntitle = \"\"\n[exercises]\nhello = \"Hello\"\n");

        var exception = catchThrowableOfType(InvalidCourseException.class, () -> CourseLayout.load(course.root()));

        assertThat(exception.problems())
                .extracting(CourseProblem::toString)
                .containsExactly(
                        "content/01_bad_toml/info.toml: not valid TOML at line 1, column 8: Newline not permitted here",
                        "content/02_fields/info.toml: module: is required: start the file with [module] and title = \"...\"",
                        "content/02_fields/info.toml: exercises[0].name: is required",
                        "content/02_fields/info.toml: exercises[1].dir: '../escape' must be the name of a directory inside the module, not a path",
                        "content/02_fields/info.toml: exercises[2].hints: is not an exercise field (its fields are dir, hint, name, skip)",
                        "content/02_fields/info.toml: exercises[2].skip: must be true or false, not a string",
                        "content/03_dupes/info.toml: exercises[1].name: 'x' is already the name of exercises[0]",
                        "content/03_dupes/info.toml: exercises[1].dir: 'one' is already the directory of exercises[0] ('One', the same on a case-insensitive file system)",
                        "content/03_dupes/info.toml: exercises[2].dir: directory content/03_dupes/gone does not exist",
                        "content/04_shape/info.toml: module.title: must be a non-empty string",
                        "content/04_shape/info.toml: exercises.hello: directory content/04_shape/hello does not exist");
        assertThat(exception.getMessage()).startsWith("content/01_bad_toml/info.toml: not valid TOML");
        assertThat(exception.getMessage().lines()).hasSize(11);
    }

    @Test
    void aCourseWithoutContentCannotBeLoaded() {
        var exception = catchThrowableOfType(InvalidCourseException.class, () -> CourseLayout.load(course.root()));

        assertThat(exception.problems())
                .containsExactly(
                        new CourseProblem("content", "is missing: a course keeps its modules in a content/ directory"));
    }

    @Test
    void aSymbolicLinkIsNoExerciseDirectory() throws IOException {
        course.write("content/m/info.toml", CourseFiles.info("M", "link")).exercise("elsewhere", "Elsewhere");
        Files.createSymbolicLink(
                course.root().resolve("content/m/link"), course.root().resolve("elsewhere"));

        var exception = catchThrowableOfType(InvalidCourseException.class, () -> CourseLayout.load(course.root()));

        assertThat(exception.problems())
                .containsExactly(new CourseProblem(
                        "content/m/info.toml",
                        "exercises[0].dir: content/m/link is a symbolic link, which is never packed"));
    }
}
