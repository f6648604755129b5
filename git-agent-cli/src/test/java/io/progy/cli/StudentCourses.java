package io.progy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small real courses whose checks are shell scripts, for the check runner and the student commands: one module,
 * two exercises ({@code hello}, {@code bye}), each passing when its {@code answer.txt} says {@code ok}.
 */
public final class StudentCourses {
    private StudentCourses() {}

    /** The check every exercise uses unless a test writes another: pass when answer.txt holds "ok". */
    public static final String ANSWER_CHECK = """
            #!/bin/sh
            # $1 is the exercise directory, relative to the course root
            if [ "$(cat "$1/answer.txt")" = ok ]; then echo "PASS answer"; exit 0; fi
            echo "FAIL answer: expected ok"; exit 1
            """;

    /** Writes the course into {@code dir}, with {@code runner} as the runner object, and returns it. */
    public static Path course(Path dir, String runner) throws IOException {
        return course(dir, runner, "01_basics", "01_hello", "02_bye");
    }

    /** Writes the course with the given module and exercise directory names. */
    public static Path course(Path dir, String runner, String module, String first, String second) throws IOException {
        return course(dir, "@test/student", runner, module, first, second);
    }

    /**
     * Writes a course named {@code name}: the two exercises above (hello, bye), then one more per {@code more}
     * directory name ({@code 03_three} is exercise {@code three}), each with a README and an answer.txt.
     */
    public static Path course(
            Path dir, String name, String runner, String module, String first, String second, String... more)
            throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve("course.json"), """
                {"name": "%s", "version": "1.0.0", "description": "A course for tests",
                 "runner": %s}
                """.formatted(name, runner));
        write(dir.resolve("runner/check.sh"), ANSWER_CHECK);
        var content = dir.resolve("content").resolve(module);
        write(content.resolve("info.toml"), """
                [module]
                title = "Basics"

                [[exercises]]
                name = "hello"
                dir = "%s"
                hint = "Write ok in answer.txt."

                [[exercises]]
                name = "bye"
                dir = "%s"
                """.formatted(first, second) + extraExercises(more));
        write(content.resolve(first).resolve("README.md"), "# Say hello\n");
        write(content.resolve(first).resolve("answer.txt"), "todo\n");
        write(content.resolve(first).resolve("hints.md"), "Look at answer.txt.\n\n---\n\nIt must say ok.\n");
        write(content.resolve(first).resolve("quiz.json"), """
                [{"question": "What must answer.txt say?", "options": ["todo", "ok"], "answer": 1,
                  "explanation": "The check compares it with ok."},
                 {"question": "Which command runs the check?", "options": ["progy test", "progy run"], "answer": 0}]
                """);
        write(content.resolve(second).resolve("README.md"), "# Say bye\n");
        write(content.resolve(second).resolve("answer.txt"), "todo\n");
        for (var exercise : more) {
            write(content.resolve(exercise).resolve("README.md"), "# " + exercise + "\n");
            write(content.resolve(exercise).resolve("answer.txt"), "todo\n");
        }
        return dir;
    }

    private static String extraExercises(String... dirs) {
        var toml = new StringBuilder();
        for (var exercise : dirs) {
            toml.append("\n[[exercises]]\nname = \"")
                    .append(exercise.replaceFirst("^\\d+_", ""))
                    .append("\"\ndir = \"")
                    .append(exercise)
                    .append("\"\n");
        }
        return toml.toString();
    }

    /** Exercise {@code module/dir} of a workspace at {@code root} (title and name from the directory). */
    public static io.progy.format.Exercise exercise(Path root, String module, String dir) {
        var path = "content/" + module + "/" + dir;
        return new io.progy.format.Exercise(
                module + "/" + dir,
                module,
                dir.replaceFirst("^\\d+_", ""),
                dir,
                path,
                root.resolve(path),
                null,
                null,
                null,
                null,
                null,
                false);
    }

    /** The runner object running {@code runner/check.sh} with {@code sh}. */
    public static String shellRunner(int timeoutSeconds) {
        return "{\"command\": [\"sh\", \"runner/check.sh\", \"{{exercise}}\"], \"timeout_seconds\": " + timeoutSeconds
                + "}";
    }

    public static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
