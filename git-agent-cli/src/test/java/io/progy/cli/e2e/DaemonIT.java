package io.progy.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progy.cli.Cli;
import io.progy.cli.EmbeddedServer;
import io.progy.cli.Json;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background process behind {@code bin/progy} (the real launcher, its bash client and the packaged jar): the
 * first command starts it, later short commands run there in the caller's directory and environment with the same
 * output and exit codes as in their own JVM, and nothing runs without the secret.
 */
class DaemonIT {
    @TempDir
    Path work;

    private EmbeddedServer server;
    private Path launcher;
    private Path daemonDir;
    private final Map<String, String> env = new HashMap<>();

    record Run(int exitCode, String out, String err) {}

    @BeforeEach
    void start() throws IOException {
        Repository.builtCli();
        launcher = Repository.root().resolve("bin/progy");
        var dataDir = work.resolve("server");
        // The bundled sample course (@progy/java-intro) is published on first start.
        server = EmbeddedServer.start(dataDir, true);
        daemonDir = work.resolve("daemon");
        env.put("PROGY_DAEMON_DIR", daemonDir.toString());
        env.put("PROGY_HOME", work.resolve("home").toString());
        env.put("PROGY_SERVER", server.url());
        env.put("PROGY_TELEMETRY", "off");
        var cli = new Cli(work.resolve("home"), server.url());
        cli.signup("grace", "daemon-password-1");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            progy(work, Map.of(), "daemon", "stop");
        } finally {
            server.close();
        }
    }

    @Test
    void theFirstCommandStartsItAndLaterCommandsRunThereInTheCallersDirectoryAndEnvironment() throws Exception {
        var first = progy(work, Map.of(), "whoami");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("grace\n");
        await(() -> status().path("running").asBoolean(), "the background process to start");
        assertThat(status().path("served").asInt()).isZero();

        var student = Files.createDirectories(work.resolve("student"));
        var init = progy(student, Map.of(), "init", "@progy/java-intro", "course", "-q");
        assertThat(init.exitCode()).as(init.err()).isZero();
        // "course" is relative to the caller's directory, not the background process's.
        assertThat(student.resolve("course/progy.toml")).isRegularFile();
        assertThat(student.resolve("course/.git")).isDirectory();

        var course = student.resolve("course");
        var status = progy(course, Map.of(), "status");
        var statusOwnJvm = progy(course, Map.of("PROGY_DAEMON", "off"), "status");
        assertThat(status.exitCode()).isZero();
        assertThat(status).isEqualTo(statusOwnJvm);
        assertThat(status.out()).contains("java-intro");

        var missing = progy(course, Map.of(), "info", "@nobody/missing");
        assertThat(missing).isEqualTo(progy(course, Map.of("PROGY_DAEMON", "off"), "info", "@nobody/missing"));
        assertThat(missing.exitCode()).isEqualTo(2);

        // The caller's environment, not the one the process was started with.
        var dead = EmbeddedServer.deadServer();
        var offline = progy(course, Map.of("PROGY_SERVER", dead), "search", "java");
        assertThat(offline.exitCode()).isEqualTo(5);
        assertThat(offline.err()).contains(dead);

        var notACourse = progy(work, Map.of(), "status", "--dir", "student");
        assertThat(notACourse.exitCode()).isEqualTo(2);
        assertThat(notACourse.err()).contains(work.resolve("student").toString());

        assertThat(status().path("served").asInt())
                .as("commands the background process ran")
                .isEqualTo(5);

        var stopped = progy(work, Map.of(), "daemon", "stop");
        assertThat(stopped.err()).contains("stopping");
        await(() -> !Files.exists(info()), "the info file to be removed");
        assertThat(status().path("running").asBoolean()).isFalse();
    }

    @Test
    void aRequestWithoutTheSecretOrWithABadDirectoryRunsNothing() throws Exception {
        var started = progy(work, Map.of(), "daemon", "start");
        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(started.err()).startsWith("started: pid ").doesNotContain("warming");
        assertThat(status().path("warm").asBoolean())
                .as("warmed up when start returns")
                .isTrue();
        assertThat(Files.getPosixFilePermissions(daemonDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(info())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        var fields = Files.readString(info()).trim().split(" ");
        int port = Integer.parseInt(fields[0]);
        var secret = fields[1];
        var target = work.resolve("planted");

        var wrongSecret =
                request(port, "0".repeat(64), work.toString(), "init", "@progy/java-intro", target.toString());
        var relativeDir = request(port, secret, "relative/dir", "init", "@progy/java-intro", target.toString());

        assertThat(wrongSecret).as("reply to a wrong secret").isEmpty();
        assertThat(relativeDir).as("reply to a relative working directory").isEmpty();
        assertThat(target).doesNotExist();
        assertThat(status().path("served").asInt()).isZero();
    }

    @Test
    void aClientThatIsInterruptedStopsItsCommand() throws Exception {
        assertThat(progy(work, Map.of(), "daemon", "start").exitCode()).isZero();
        // A server that accepts and never answers: `progy search` would wait 60 s for it.
        try (var silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            var builder = new ProcessBuilder(launcher.toString(), "search", "java")
                    .directory(work.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().remove("PROGY_DAEMON");
            builder.environment().putAll(env);
            builder.environment().put("PROGY_SERVER", "http://127.0.0.1:" + silent.getLocalPort());
            var client = builder.start();
            await(() -> status().path("active").asInt() == 1, "the search to run in the background process");
            // Longer than the process waits for a request to arrive: a long command is not cut off while its
            // client waits.
            Thread.sleep(12_000);
            assertThat(client.isAlive()).isTrue();
            assertThat(status().path("active").asInt()).isEqualTo(1);

            client.destroy(); // as Ctrl+C or a closed terminal ends bin/progy
            assertThat(client.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long interrupted = System.nanoTime();
            await(() -> status().path("active").asInt() == 0, "the search to stop");
            assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(Duration.ofSeconds(30));
            assertThat(daemonLog()).contains("client left during `search java`: interrupting it");
        }
    }

    /** A raw run request (see DaemonProtocol); returns whatever the process replies before closing. */
    private static String request(int port, String secret, String cwd, String... args) throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            var fields = new StringBuilder();
            for (var field :
                    new String[] {"progy-daemon-1", secret, "run", cwd, "0", "0", Integer.toString(args.length)}) {
                fields.append(field).append('\0');
            }
            for (var arg : args) {
                fields.append(arg).append('\0');
            }
            socket.getOutputStream().write(fields.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String daemonLog() {
        try (var files = Files.list(daemonDir)) {
            var log = new StringBuilder("files: ");
            for (var file : files.toList()) {
                log.append(file.getFileName()).append(' ');
                if (file.toString().endsWith(".log")) {
                    log.append("\n").append(Files.readString(file)).append('\n');
                }
            }
            return log.toString();
        } catch (IOException e) {
            return "no log: " + e;
        }
    }

    private Path info() throws IOException {
        try (var files = Files.list(daemonDir)) {
            return files.filter(file -> file.toString().endsWith(".daemon"))
                    .findFirst()
                    .orElse(daemonDir.resolve("none.daemon"));
        }
    }

    private JsonNode status() throws IOException {
        var result = progy(work, Map.of(), "--format", "json", "daemon", "status");
        assertThat(result.exitCode()).as(result.err()).isZero();
        return Json.mapper().readTree(result.out());
    }

    private void await(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.call()) {
            assertThat(System.nanoTime())
                    .as(() -> "waiting for " + what + "; " + daemonLog())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private Run progy(Path cwd, Map<String, String> extraEnv, String... args) throws IOException {
        var command = new java.util.ArrayList<String>();
        command.add(launcher.toString());
        command.addAll(java.util.List.of(args));
        var stderr = Files.createTempFile(work, "stderr", ".txt");
        var builder = new ProcessBuilder(command)
                .directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(stderr.toFile());
        builder.environment().remove("PROGY_DAEMON");
        builder.environment().remove("PROGY_TOKEN");
        builder.environment().putAll(env);
        builder.environment().putAll(extraEnv);
        var process = builder.start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as("bin/progy " + command)
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Run(process.exitValue(), out, Files.readString(stderr));
    }
}
