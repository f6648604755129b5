package io.progy.cli.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the background process for a jar, detached from the terminal ({@code setsid} where there is one, so a
 * Ctrl+C in the shell never reaches it), with the jar's class-data archive when {@code bin/progy} made one, and
 * its output in the log file.
 */
public final class DaemonLauncher {
    private static final long MAX_LOG = 1024 * 1024;
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private DaemonLauncher() {}

    /** Starts the process and returns without waiting for it. */
    public static void spawn(DaemonPaths paths) throws IOException {
        paths.secure();
        if (Files.exists(paths.log()) && Files.size(paths.log()) > MAX_LOG) {
            Files.delete(paths.log());
        }
        var builder = new ProcessBuilder(command(paths))
                .directory(paths.dir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(paths.log().toFile()))
                .redirectErrorStream(true);
        builder.environment().put("PROGY_DAEMON_DIR", paths.dir().toString());
        builder.environment().remove("PROGY_DAEMON_SPAWN");
        builder.start();
    }

    /**
     * Starts the process unless one answers, and waits until it answers and has finished its warm-up (at most
     * {@code timeout}).
     *
     * @return its last status, or empty when it did not answer in time (its log says why)
     */
    public static Optional<String> start(DaemonPaths paths, Duration timeout) throws IOException {
        var status = DaemonClient.request(paths, "status");
        if (status.isEmpty()) {
            spawn(paths);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            status = DaemonClient.request(paths, "status");
            if (status.isPresent() && status.get().contains("\nwarm true\n")) {
                return status;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return status;
    }

    static List<String> command(DaemonPaths paths) {
        var command = new ArrayList<String>();
        SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(setsid -> command.add(setsid.toString()));
        command.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // Long-running: the default JIT (it compiles the hot paths fully), the serial collector (it gives memory
        // back), a heap bound so an idle process stays small.
        command.addAll(List.of("-XX:+UseSerialGC", "-Xmx1g", "-XX:-UsePerfData", "-Xshare:auto"));
        var archive = paths.jar().resolveSibling("progy.jsa");
        try {
            if (Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(paths.jar())) >= 0) {
                command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
            }
        } catch (IOException e) {
            // no archive then
        }
        command.addAll(List.of(
                "-cp",
                paths.jar().toString(),
                CliDaemon.class.getName(),
                paths.jar().toString()));
        return command;
    }

    /** For {@code bin/progy}'s cold path: starts a process for this jar unless disabled; never fails the command. */
    public static void spawnQuietly(Map<String, String> env) {
        try {
            var jar = DaemonPaths.currentJar();
            if (jar.isPresent()) {
                spawn(DaemonPaths.of(env, jar.get()));
            }
        } catch (IOException | RuntimeException e) {
            // the next command runs in its own JVM again
        }
    }
}
