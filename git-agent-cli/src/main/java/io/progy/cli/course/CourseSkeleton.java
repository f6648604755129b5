package io.progy.cli.course;

import io.progy.cli.Json;
import io.progy.cli.VersionProvider;
import io.progy.format.CourseLayout;
import io.progy.format.CourseManifest;
import io.progy.format.CourseModule;
import io.progy.format.CourseName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a new course: {@code course.json} (version 0.1.0, the sample course's Java runner, {@code files}
 * leaving solutions out of the package), a README, a {@code .gitignore}, the check program
 * {@code runner/Check.java} (the sample course's, which reads each exercise's {@code tests.txt}), and one module
 * with one exercise that passes on its solution.
 */
final class CourseSkeleton {
    static final String VERSION = "0.1.0";
    static final String MODULE = "01_basics";
    static final String EXERCISE_NAME = "hello";
    static final String EXERCISE_DIR = "01_hello";
    /** Solutions stay in the author's directory: {@code files} leaves every {@code solution/} directory out. */
    static final String SOLUTIONS_LEFT_OUT = "!content/**/" + ExerciseTemplate.SOLUTION_DIR + "/**";
    /** The one check program of the course, run from the course root for every exercise. */
    static final String CHECK_PROGRAM = "runner/Check.java";

    private final CourseName name;
    private final String title;

    CourseSkeleton(CourseName name, String title) {
        this.name = name;
        this.title = title;
    }

    /** {@code java-intro} gives {@code Java intro}. */
    static String titleOf(CourseName name) {
        return ExerciseTemplate.titleOf(name.slug());
    }

    /** Writes the course into {@code root} (existing and empty, or missing); returns the files written. */
    List<String> write(Path root) throws IOException {
        Files.createDirectories(root);
        var written = new ArrayList<String>();
        create(root, CourseManifest.FILE_NAME, manifest(), written);
        create(root, "README.md", readme(), written);
        // Trying the course with `progy test` keeps progress in .progy/; `progy pack` writes .progy archives.
        create(root, ".gitignore", ".progy/\n*.progy\n", written);
        Files.createDirectories(root.resolve(CHECK_PROGRAM).getParent());
        create(root, CHECK_PROGRAM, checkProgram(), written);
        var module = root.resolve(CourseLayout.CONTENT).resolve(MODULE);
        Files.createDirectories(module);
        var info = CourseLayout.CONTENT + "/" + MODULE + "/" + CourseModule.INFO_FILE;
        create(root, info, ModuleInfo.header("Basics") + ModuleInfo.entry(EXERCISE_NAME, EXERCISE_DIR), written);
        var path = CourseLayout.CONTENT + "/" + MODULE + "/" + EXERCISE_DIR;
        written.addAll(ExerciseTemplate.hello().write(module.resolve(EXERCISE_DIR), path));
        return written;
    }

    private String manifest() throws IOException {
        var json = Json.mapper();
        var description = title + ": hands-on exercises with instant checks.";
        return """
                {
                  "name": %s,
                  "version": "%s",
                  "description": %s,
                  "keywords": ["java"],
                  "engines": {"progy": "%s"},
                  "files": ["course.json", "README.md", "content/**", "runner/**", "%s"],
                  "runner": {
                    "command": ["java", "%s", "{{exercise}}"],
                    "timeout_seconds": 10
                  }
                }
                """.formatted(
                        json.writeValueAsString(name.toString()),
                        VERSION,
                        json.writeValueAsString(description),
                        enginesRange(),
                        SOLUTIONS_LEFT_OUT,
                        CHECK_PROGRAM);
    }

    /** {@code ^major.minor} of this progy, so students are told when theirs is too old. */
    private static String enginesRange() {
        var version = VersionProvider.version();
        var parts = version.split("[.-]");
        if (parts.length < 2 || !parts[0].chars().allMatch(Character::isDigit)) {
            return "*";
        }
        return "^" + parts[0] + "." + parts[1];
    }

    private String readme() {
        return """
                # %s

                Hands-on exercises, each checked the moment you run `progy test`.
                You need Java 17 or newer (`java` on your `PATH`).

                ```
                progy init %s
                progy test
                ```

                ## Authoring

                Each exercise lives in `content/<module>/<exercise>/`: `README.md` (the task), `Exercise.java`
                (what the student starts from), `tests.txt` (its tests), `hints.md`, and `solution/` (the model
                answer, left out of the published course by `files` in `course.json`).

                `runner/Check.java` checks every exercise: `java runner/Check.java content/<module>/<exercise>`
                compiles `Exercise.java`, runs it once per test of `tests.txt` and compares what it prints.
                In `tests.txt`, `== test: <name>` starts a test, the `== arg: <value>` lines after it are the
                program's arguments (one per line, spaces kept), and the lines up to the next test are the
                output it must print. `java runner/Check.java --list <exercise dir>` validates the file.

                * `progy course add-exercise <module> <name>` adds an exercise.
                * `progy course check` finds every problem and runs each check against the solution (it must
                  pass) and against the starting files (they must not).
                * `progy publish` publishes the course.
                """.formatted(title, name);
    }

    /** The text of {@code runner/Check.java}: the sample course's check program, as it is. */
    static String checkProgram() {
        try (InputStream in = CourseSkeleton.class.getResourceAsStream("Check.java.txt")) {
            if (in == null) {
                throw new IllegalStateException("Check.java.txt is missing from the progy jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void create(Path root, String relative, String text, List<String> written) throws IOException {
        Files.writeString(root.resolve(relative), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        written.add(relative);
    }
}
