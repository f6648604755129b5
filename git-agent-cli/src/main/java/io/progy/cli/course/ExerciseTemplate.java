package io.progy.cli.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The files of a new Java exercise, as {@code course new} and {@code course add-exercise} write them: the task
 * ({@code README.md}), hints, a starting {@code Exercise.java} that fails its check, its tests ({@code tests.txt},
 * read by the course's {@code runner/Check.java}, see {@link CourseSkeleton#checkProgram()}) and a
 * {@code solution/Exercise.java} that passes them. {@code course check} runs the check against both.
 *
 * @param title the README's heading
 * @param expected the line the exercise's program must print
 */
record ExerciseTemplate(String title, String expected) {

    /** The directory holding an exercise's solution: the name {@code CourseLayout} detects as a solution. */
    static final String SOLUTION_DIR = "solution";

    /** The file holding an exercise's tests, in the format {@code runner/Check.java} reads. */
    static final String TESTS_FILE = "tests.txt";

    /** What a new module or exercise may be called: a letter, then letters, digits, {@code _} or {@code -}. */
    static final Pattern NAME = Pattern.compile("\\p{L}[\\p{L}\\p{N}_-]{0,63}");

    private static final Pattern NUMBER_PREFIX = Pattern.compile("^([0-9]+)[-_. ]*");

    /** The exercise {@code course new} starts a course with. */
    static ExerciseTemplate hello() {
        return new ExerciseTemplate("Hello, World!", "Hello, World!");
    }

    /** A placeholder exercise called {@code name}, for the author to turn into a real one. */
    static ExerciseTemplate named(String name) {
        return new ExerciseTemplate(titleOf(name), "Hello from " + name + "!");
    }

    /**
     * Writes the exercise into {@code dir}, which must not exist yet.
     *
     * @param path the exercise's path from the course root ({@code content/01_basics/01_hello}), for comments
     * @return the files written, relative to the course root
     */
    List<String> write(Path dir, String path) throws IOException {
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir);
        var written = new ArrayList<String>();
        create(dir, "README.md", readme(path), path, written);
        create(dir, "hints.md", hints(), path, written);
        create(dir, "Exercise.java", program(false), path, written);
        create(dir, TESTS_FILE, tests(path), path, written);
        Files.createDirectory(dir.resolve(SOLUTION_DIR));
        create(dir, SOLUTION_DIR + "/Exercise.java", program(true), path, written);
        return written;
    }

    private String readme(String path) {
        return """
                # %s

                Write a program that prints exactly this line:

                ```
                %s
                ```

                Open `Exercise.java`, replace the `TODO`, then run the check with `progy test`
                (or `java runner/Check.java %s` from the course directory).
                The tests it runs are in `tests.txt`.
                """.formatted(title, expected, path);
    }

    private String hints() {
        return """
                # Hints

                1. Printing a line is one statement inside `main`: `System.out.println(...);`.
                2. The text goes between double quotes, exactly as it should appear: `"%s"`.
                """.formatted(expected);
    }

    private String program(boolean solved) {
        var body = solved
                ? "        System.out.println(\"" + javaString(expected) + "\");\n"
                : "        // TODO: print exactly this line: " + expected + "\n";
        return "// " + title + "\n// Run it with: java Exercise.java\n\npublic class Exercise {\n"
                + "    public static void main(String[] args) {\n" + body + "    }\n}\n";
    }

    /** One test: run without arguments, the program prints {@code expected}. */
    private String tests(String path) {
        return """
                # The tests of %s: what Exercise.java must print for each set of arguments.
                # Run by runner/Check.java, which describes the format at its top: a test starts with
                # "== test: <name>", its "== arg: <value>" lines follow (one argument each), then its output.

                == test: prints %s
                %s
                """.formatted(path, expected, expected);
    }

    private static void create(Path dir, String name, String text, String path, List<String> written)
            throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        written.add(path + "/" + name);
    }

    private static String javaString(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** {@code control_flow} and {@code 02_control-flow} give {@code Control flow}. */
    static String titleOf(String name) {
        var words = NUMBER_PREFIX
                .matcher(name)
                .replaceFirst("")
                .replace('_', ' ')
                .replace('-', ' ')
                .trim();
        if (words.isEmpty()) {
            return name;
        }
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /** The number a directory name starts with ({@code 03} in {@code 03_loops}), or -1. */
    static int numberOf(String name) {
        var matcher = NUMBER_PREFIX.matcher(name);
        if (!matcher.find()) {
            return -1;
        }
        var digits = matcher.group(1);
        return digits.length() > 9 ? Integer.MAX_VALUE - 1 : Integer.parseInt(digits);
    }

    /** {@code name} without its number prefix: {@code loops} for {@code 03_loops}. */
    static String unnumbered(String name) {
        return NUMBER_PREFIX.matcher(name).replaceFirst("");
    }

    /** The next numbered name after {@code names}: {@code 03_loops} after {@code 01_x} and {@code 02_y}. */
    static String nextNumbered(List<String> names, String name) {
        var highest = 0;
        var width = 2;
        for (var existing : names) {
            var number = numberOf(existing);
            if (number >= 0) {
                highest = Math.max(highest, number);
                var matcher = NUMBER_PREFIX.matcher(existing);
                matcher.find();
                width = Math.max(width, matcher.group(1).length());
            }
        }
        return String.format(Locale.ROOT, "%0" + width + "d_%s", highest + 1, name);
    }
}
