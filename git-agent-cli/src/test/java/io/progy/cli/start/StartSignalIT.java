package io.progy.cli.start;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.progy.cli.ProgyFormatCourse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code progy start} as its own process (the shaded jar) stops cleanly on Ctrl+C (SIGINT). */
class StartSignalIT {
    private static final Pattern URL =
            Pattern.compile("Progy is running at http://127\\.0\\.0\\.1:(\\d+)/\\?secret=(\\w+)");

    @TempDir
    Path tmp;

    @Test
    void ctrlCStopsTheServerAndSaysSo() throws Exception {
        var jar = Path.of("target", "progy.jar").toAbsolutePath();
        assumeTrue(Files.isRegularFile(jar), "no " + jar + " (built by `package`): signal test skipped");
        var course = ProgyFormatCourse.copy(tmp.resolve("course"));
        var stderr = tmp.resolve("stderr.txt");
        var process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "start",
                        "--no-open",
                        "--dir",
                        course.toString())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        process.getOutputStream().close();
        try {
            var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            var line = out.readLine();
            assertThat(line).as(Files.readString(stderr)).isNotNull();
            var matcher = URL.matcher(line);
            assertThat(matcher.find()).as(line).isTrue();
            var port = Integer.parseInt(matcher.group(1));
            var served = RawHttp.send(
                    port,
                    "GET",
                    "/api/course",
                    Map.of("Host", "127.0.0.1:" + port, "Cookie", LearnServer.COOKIE + "=" + matcher.group(2)),
                    null);
            assertThat(served.status()).isEqualTo(200);

            var kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

            assertThat(process.waitFor(30, TimeUnit.SECONDS))
                    .as("stopped after Ctrl+C")
                    .isTrue();
            assertThat(Files.readString(stderr)).contains("Stopped.");
            try (var socket = new Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2_000);
                throw new AssertionError("the port is still open after Ctrl+C");
            } catch (java.io.IOException expected) {
                // closed
            }
        } finally {
            process.destroyForcibly();
        }
    }
}
