package io.progy.cli.start;

import io.progy.cli.Progy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code progy start --no-open} run through the real CLI main on a thread of the test, until {@link #close()}
 * interrupts it (as Ctrl+C would stop it).
 */
final class StartedProgy implements AutoCloseable {
    private static final Pattern URL =
            Pattern.compile("Progy is running at (http://127\\.0\\.0\\.1:(\\d+)/\\?secret=(\\w+))");

    final String firstUrl;
    final int port;
    final String secret;
    private final Thread thread;
    private final ByteArrayOutputStream out;
    private final ByteArrayOutputStream err;
    private volatile int exitCode = -1;

    private StartedProgy(
            Thread thread, ByteArrayOutputStream out, ByteArrayOutputStream err, String url, int port, String secret) {
        this.thread = thread;
        this.out = out;
        this.err = err;
        this.firstUrl = url;
        this.port = port;
        this.secret = secret;
    }

    static StartedProgy start(Path course, Path home, Map<String, String> extraEnv) throws Exception {
        var env = new HashMap<String, String>();
        env.put("PROGY_HOME", home.toString());
        env.put("PATH", System.getenv("PATH"));
        env.putAll(extraEnv);
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var holder = new StartedProgy[1];
        var thread = new Thread(
                () -> {
                    var code = Progy.execute(
                            new String[] {"start", "--no-open", "--dir", course.toString()},
                            env,
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8),
                            new ByteArrayInputStream(new byte[0]));
                    if (holder[0] != null) {
                        holder[0].exitCode = code;
                    }
                },
                "progy-start-under-test");
        thread.setDaemon(true);
        thread.start();
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var matcher = URL.matcher(out.toString(StandardCharsets.UTF_8));
            if (matcher.find()) {
                var started = new StartedProgy(
                        thread, out, err, matcher.group(1), Integer.parseInt(matcher.group(2)), matcher.group(3));
                holder[0] = started;
                return started;
            }
            if (!thread.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("progy start did not print its URL:\n" + out.toString(StandardCharsets.UTF_8)
                + "\n--- stderr\n" + err.toString(StandardCharsets.UTF_8));
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Stops the server as Ctrl+C would and returns the command's exit code. */
    int stop() throws InterruptedException {
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(20));
        return exitCode;
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            stop();
        }
    }
}
