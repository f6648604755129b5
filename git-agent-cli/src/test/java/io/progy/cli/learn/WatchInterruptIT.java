package io.progy.cli.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.cli.StudentCourses;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl+C on a real {@code progy watch} process: it stops cleanly, saying so. */
class WatchInterruptIT {
    @TempDir
    Path tmp;

    @Test
    void anInterruptStopsWatchingCleanly() throws Exception {
        var course = StudentCourses.course(tmp.resolve("course"), StudentCourses.shellRunner(10));
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var out = tmp.resolve("out.txt").toFile();
        var err = tmp.resolve("err.txt").toFile();
        var process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.progy.cli.Progy",
                        "watch",
                        "--dir",
                        course.toString())
                .redirectInput(new File("/dev/null"))
                .redirectOutput(out)
                .redirectError(err)
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out.toPath(), StandardCharsets.UTF_8).contains("Watching content/01_basics")) {
                assertThat(process.isAlive()).as(Files.readString(err.toPath())).isTrue();
                assertThat(System.nanoTime()).as("watch started").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(process.isAlive()).as("no input is no reason to stop").isTrue();
            var kill = new ProcessBuilder(List.of("kill", "-INT", Long.toString(process.pid())))
                    .inheritIO()
                    .start();
            assertThat(kill.waitFor()).isZero();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(130); // 128 + SIGINT, as for any program stopped by Ctrl+C
            assertThat(Files.readString(err.toPath())).contains("Stopped watching.");
        } finally {
            process.destroyForcibly();
        }
    }
}
