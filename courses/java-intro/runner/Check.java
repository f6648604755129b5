// The check of every exercise of this course. It compiles the exercise's Exercise.java, runs its main
// method once per test of the exercise's tests.txt and compares what it prints with the expected output.
//
// From the course root:   java runner/Check.java content/01_basics/01_hello
// To validate tests.txt:  java runner/Check.java --list content/01_basics/01_hello
//
// tests.txt (described in runner/README.md): lines starting with # before the first test are comments;
// "== test: <name>" starts a test; the "== arg: <value>" lines right after it are the program's arguments,
// one per line, spaces kept; every other line up to the next "== test:" is the output it must print.

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

public class Check {

    /** One test: the arguments given to the program and the output it must print. */
    record Test(String name, List<String> args, String expected) {}

    /** What one run printed; {@code error} is the exception that ended it, if any. */
    record Run(String output, Throwable error, boolean timedOut) {}

    /** A tests.txt that cannot be read as tests; the message names the line. */
    static final class InvalidTests extends Exception {
        InvalidTests(String message) {
            super(message);
        }
    }

    static final String TESTS_FILE = "tests.txt";
    static final String TEST_LINE = "== test:";
    static final String ARG_LINE = "== arg:";
    static final long TIMEOUT_SECONDS = 3;
    static final int MAX_CAPTURED_BYTES = 64 * 1024;
    static final PrintStream OUT = System.out;
    static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());
    static volatile boolean done;

    public static void main(String[] args) throws Exception {
        boolean list = args.length > 0 && args[0].equals("--list");
        String[] rest = list ? Arrays.copyOfRange(args, 1, args.length) : args;
        Path exercise = Path.of(rest.length > 0 ? rest[0] : ".");
        if (list) {
            System.exit(list(exercise) ? 0 : 1);
        }
        // A program that calls System.exit must not end the check with "pass": the exit code says fail.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!done) {
                OUT.println("FAIL  the program called System.exit, so the tests could not finish");
                OUT.flush();
                Runtime.getRuntime().halt(1);
            }
        }));
        boolean passed = check(exercise);
        done = true;
        System.exit(passed ? 0 : 1);
    }

    /** Prints the tests of an exercise, or why its tests.txt is invalid. */
    static boolean list(Path exercise) throws IOException {
        try {
            for (Test test : readTests(exercise.resolve(TESTS_FILE))) {
                OUT.println(test.name() + "   (" + command(test) + ")");
            }
            return true;
        } catch (InvalidTests e) {
            OUT.println("FAIL  " + e.getMessage());
            return false;
        }
    }

    static boolean check(Path exercise) throws Exception {
        List<Test> tests;
        try {
            tests = readTests(exercise.resolve(TESTS_FILE));
        } catch (InvalidTests e) {
            OUT.println("FAIL  " + e.getMessage());
            return false;
        }
        Path source = exercise.resolve("Exercise.java");
        if (!Files.isRegularFile(source)) {
            OUT.println("FAIL  " + source + " not found");
            return false;
        }
        Path classes = Files.createTempDirectory("progy-check-");
        try {
            return compile(source, classes) && runTests(classes, tests);
        } finally {
            try (var paths = Files.walk(classes)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // tests.txt: see runner/README.md.

    static List<Test> readTests(Path file) throws IOException, InvalidTests {
        if (!Files.isRegularFile(file)) {
            throw new InvalidTests(file + " not found");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        var tests = new ArrayList<Test>();
        var names = new HashSet<String>();
        String name = null;
        List<String> args = null;
        StringBuilder expected = null;
        boolean inOutput = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = file.getFileName() + " line " + (i + 1) + ": ";
            if (line.startsWith(TEST_LINE)) {
                if (name != null) {
                    tests.add(new Test(name, List.copyOf(args), expected.toString()));
                }
                name = line.substring(TEST_LINE.length()).strip();
                if (name.isEmpty()) {
                    throw new InvalidTests(where + "the test has no name: write == test: <what it checks>");
                }
                if (!names.add(name)) {
                    throw new InvalidTests(where + "a second test named \"" + name + "\"");
                }
                args = new ArrayList<>();
                expected = new StringBuilder();
                inOutput = false;
            } else if (name == null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    throw new InvalidTests(where + "expected == test: <name> (or a # comment) before the first test");
                }
            } else if (!inOutput && line.startsWith(ARG_LINE)) {
                String value = line.substring(ARG_LINE.length());
                args.add(value.startsWith(" ") ? value.substring(1) : value);
            } else if (!inOutput && line.startsWith("== ")) {
                throw new InvalidTests(where + "unknown line \"" + line + "\": only == test: and == arg: lines");
            } else {
                inOutput = true;
                expected.append(line).append('\n');
            }
        }
        if (name != null) {
            tests.add(new Test(name, List.copyOf(args), expected.toString()));
        }
        if (tests.isEmpty()) {
            throw new InvalidTests(file.getFileName() + ": no tests: start each one with == test: <name>");
        }
        return tests;
    }

    // ---------------------------------------------------------------------------------------------
    // How the tests run. Exercise.java is compiled once; each test then runs its main method with the
    // test's arguments, captures what it prints and compares that with the expected output. Every test
    // loads the class afresh, so no state leaks from one test into the next, and each has a time limit.

    static boolean compile(Path source, Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var errors = new StringWriter();
        var files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source);
        var options = List.of("-d", classes.toString(), "-proc:none", "-encoding", "UTF-8");
        if (!javac.getTask(errors, null, null, options, null, files).call()) {
            OUT.println("FAIL  Exercise.java does not compile:");
            OUT.println(indent(errors.toString()));
            return false;
        }
        if (!Files.exists(classes.resolve("Exercise.class"))) {
            OUT.println("FAIL  Exercise.java must declare the class Exercise");
            return false;
        }
        return true;
    }

    static boolean runTests(Path classes, List<Test> tests) throws Exception {
        int failed = 0;
        for (int i = 0; i < tests.size(); i++) {
            Test test = tests.get(i);
            Run run = execute(classes, test.args());
            if (run.timedOut()) {
                report(test, "still running after " + TIMEOUT_SECONDS + " seconds: is there an endless loop?");
                OUT.println("Stopped: " + (tests.size() - i - 1) + " more test(s) not run.");
                return false;
            }
            if (run.error() == null && normalize(run.output()).equals(normalize(test.expected()))) {
                OUT.println("PASS  " + test.name());
                continue;
            }
            failed++;
            report(test, "expected:\n" + indent(test.expected()) + "\n      but got:\n" + indent(run.output()));
            if (run.error() != null) {
                OUT.println("      and the program stopped with:");
                OUT.println(indent(describe(run.error())));
            }
        }
        if (tests.size() == 1) {
            OUT.println(failed == 0 ? "The test passed." : "The test failed.");
        } else {
            OUT.println(failed == 0
                    ? "All " + tests.size() + " tests passed."
                    : failed + " of " + tests.size() + " tests failed.");
        }
        return failed == 0;
    }

    /** Runs Exercise.main in a fresh class loader and thread, with System.out captured. */
    static Run execute(Path classes, List<String> args) throws Exception {
        var output = new CappedOutput();
        var error = new AtomicReference<Throwable>();
        var loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Method main = loader.loadClass("Exercise").getMethod("main", String[].class);
        var thread = new Thread(() -> {
            try {
                main.invoke(null, (Object) args.toArray(String[]::new));
            } catch (InvocationTargetException e) {
                error.set(e.getCause());
            } catch (ReflectiveOperationException | RuntimeException e) {
                error.set(e);
            }
        });
        thread.setDaemon(true); // a program stuck in a loop must not keep the check alive
        var stdout = new PrintStream(output, true, StandardCharsets.UTF_8);
        System.setOut(stdout);
        System.setIn(new ByteArrayInputStream(new byte[0])); // no input: reading gets end-of-file
        try {
            thread.start();
            thread.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        } finally {
            // Not back to OUT: a program still running after its time limit would print over the report.
            System.setOut(DISCARD);
            stdout.flush();
        }
        return new Run(output.toString(StandardCharsets.UTF_8), error.get(), thread.isAlive());
    }

    /** Keeps only the start of the output: a runaway program may print forever. */
    static final class CappedOutput extends ByteArrayOutputStream {
        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            super.write(bytes, offset, Math.max(0, Math.min(length, MAX_CAPTURED_BYTES - count)));
        }

        @Override
        public synchronized void write(int b) {
            if (count < MAX_CAPTURED_BYTES) {
                super.write(b);
            }
        }
    }

    /** Output is compared line by line, ignoring trailing spaces, trailing empty lines and CR LF line ends. */
    static String normalize(String text) {
        return text.lines().map(String::stripTrailing).collect(Collectors.joining("\n")).stripTrailing();
    }

    /** The exception and where it happened in Exercise.java (the check's own frames are left out). */
    static String describe(Throwable error) {
        var where = Arrays.stream(error.getStackTrace())
                .filter(frame -> frame.getClassName().startsWith("Exercise"))
                .limit(5)
                .map(frame -> "    at " + frame);
        return Stream.concat(Stream.of(error.toString()), where).collect(Collectors.joining("\n"));
    }

    /** How to run the test by hand: {@code java Exercise.java 3 4}, quoting arguments with spaces. */
    static String command(Test test) {
        var shown = test.args().stream().map(a -> a.isEmpty() || a.contains(" ") ? '"' + a + '"' : a);
        return Stream.concat(Stream.of("java Exercise.java"), shown).collect(Collectors.joining(" "));
    }

    static void report(Test test, String why) {
        OUT.println("FAIL  " + test.name() + "   (" + command(test) + ")");
        OUT.println("      " + why);
    }

    static String indent(String text) {
        String body = normalize(text);
        if (body.isEmpty()) {
            return "        (nothing)";
        }
        return body.lines().limit(40).map(line -> "        " + line).collect(Collectors.joining("\n"));
    }
}
