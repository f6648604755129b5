package io.progy.cli.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.cli.Progy;
import io.progy.cli.StudentCourses;
import io.progy.cli.Workspaces;
import io.progy.format.ProgressState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code progy watch} driven through the CLI main with scripted keys while files are rewritten under it. */
class WatchIT {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PipedOutputStream keys;
    private CompletableFuture<Integer> watch;

    @AfterEach
    void stop() throws IOException {
        if (keys != null) {
            keys.close();
        }
    }

    private void start(Path course) throws IOException {
        var in = new PipedInputStream(1024);
        keys = new PipedOutputStream(in);
        Map<String, String> env = new HashMap<>();
        env.put("PROGY_HOME", tmp.resolve("home").toString());
        env.put("PATH", System.getenv("PATH"));
        var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        var errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        watch = CompletableFuture.supplyAsync(
                () -> Progy.execute(new String[] {"watch", "--dir", course.toString()}, env, outStream, errStream, in));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private void awaitOutput(String what, Predicate<String> condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.test(output())) {
            if (System.nanoTime() > deadline || watch.isDone()) {
                throw new AssertionError("waited for " + what + "; stdout:\n" + output() + "\nstderr:\n"
                        + err.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(50);
        }
    }

    private void press(String key) throws IOException {
        keys.write((key + "\n").getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** Saves the way many editors do: a temporary file next to the target, renamed over it. */
    private static void saveByRename(Path file, byte[] content) throws IOException {
        var temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(temp, content);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void watchChecksTheSampleCourseAndAdvancesWhenAFileIsRewritten() throws Exception {
        var work = Workspaces.install(
                Workspaces.javaIntroCopy(tmp.resolve("source")), tmp.resolve("home"), tmp.resolve("java-intro"));
        start(work);
        awaitOutput("the first check", o -> o.contains("Watching content/01_basics/01_hello"), Duration.ofSeconds(120));
        assertThat(output())
                .contains("✗ hello (content/01_basics/01_hello) failed")
                .contains("Keys: h hint");

        press("h");
        awaitOutput("a hint", o -> o.contains("Hint 1 of 4 for hello"), Duration.ofSeconds(10));

        var solution = Files.readAllBytes(Workspaces.JAVA_INTRO_SOLUTIONS.resolve("01_basics/01_hello/Exercise.java"));
        saveByRename(work.resolve("content/01_basics/01_hello/Exercise.java"), solution);
        awaitOutput(
                "the pass and the next exercise",
                o -> o.contains("Watching content/01_basics/02_variables"),
                Duration.ofSeconds(120));
        assertThat(output())
                .contains("✓ hello (content/01_basics/01_hello) passed")
                .contains("Next: Variables — variables (content/01_basics/02_variables)")
                .contains("✗ variables (content/01_basics/02_variables) failed");
        assertThat(count(output(), "hello (content/01_basics/01_hello) passed"))
                .as("one save, one check")
                .isEqualTo(1);

        press("q");
        assertThat(watch.get(30, TimeUnit.SECONDS)).isZero();
        var state = ProgressState.load(work);
        assertThat(state.isDone("01_basics/01_hello")).isTrue();
        assertThat(state.exercise("01_basics/01_hello").hintsShown()).isEqualTo(1);
        assertThat(state.exercise("01_basics/02_variables").attempts()).isEqualTo(1);
    }

    @Test
    void aSaveWhileTheCheckRunsIsCheckedAgain() throws Exception {
        var course = StudentCourses.course(tmp.resolve("course"), StudentCourses.shellRunner(20));
        // A slow check: it reads the answer at its end, after the student has saved again.
        StudentCourses.write(course.resolve("runner/check.sh"), """
                #!/bin/sh
                echo started > "$1/../check-started"
                sleep 3
                if [ "$(cat "$1/answer.txt")" = ok ]; then echo "PASS answer"; exit 0; fi
                echo "FAIL answer: expected ok"; exit 1
                """);
        start(course);
        awaitOutput("the first check", o -> o.contains("Watching content/01_basics/01_hello"), Duration.ofSeconds(30));
        var answer = course.resolve("content/01_basics/01_hello/answer.txt");
        var started = course.resolve("content/01_basics/check-started");
        Files.deleteIfExists(started);

        saveByRename(answer, "still todo\n".getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(started) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(started).as("the second check started").exists();
        Thread.sleep(300);
        saveByRename(answer, "ok\n".getBytes(StandardCharsets.UTF_8)); // while that check sleeps

        awaitOutput(
                "the answer saved during the check to be checked",
                o -> o.contains("hello (content/01_basics/01_hello) passed"),
                Duration.ofSeconds(30));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("A file changed while checking: checking again.");
        press("q");
        assertThat(watch.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void watchSeesAReplacedExerciseDirectoryAndAnswersKeys() throws Exception {
        var course = StudentCourses.course(tmp.resolve("course"), StudentCourses.shellRunner(10));
        start(course);
        awaitOutput("the first check", o -> o.contains("Watching content/01_basics/01_hello"), Duration.ofSeconds(30));

        press("l");
        awaitOutput("the list", o -> o.contains("▶ hello"), Duration.ofSeconds(10));

        // A tool that rewrites the whole exercise directory: a new directory renamed into place.
        var dir = course.resolve("content/01_basics/01_hello");
        var replacement = course.resolve("content/01_basics/.01_hello.new");
        Files.createDirectories(replacement);
        try (var files = Files.list(dir)) {
            for (var file : files.toList()) {
                Files.copy(file, replacement.resolve(file.getFileName()));
            }
        }
        Files.writeString(replacement.resolve("answer.txt"), "ok\n");
        var old = course.resolve("content/01_basics/.01_hello.old");
        Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(replacement, dir, StandardCopyOption.ATOMIC_MOVE);
        awaitOutput("the pass", o -> o.contains("Watching content/01_basics/02_bye"), Duration.ofSeconds(30));
        assertThat(output()).contains("✓ hello (content/01_basics/01_hello) passed");

        press("n");
        awaitOutput("no next exercise", o -> o.contains("no exercise after bye"), Duration.ofSeconds(10));

        // Editing the new exercise in place: the check runs again once the burst of writes is over.
        var answer = course.resolve("content/01_basics/02_bye/answer.txt");
        for (var i = 0; i < 5; i++) {
            Files.writeString(answer, i == 4 ? "ok\n" : "draft " + i + "\n");
            Thread.sleep(20);
        }
        assertThat(watch.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(output()).contains("✓ bye (content/01_basics/02_bye) passed").contains("Every exercise is done");
        assertThat(count(output(), "✗ bye"))
                .as("the burst of writes gave one check")
                .isEqualTo(1);
    }
}
