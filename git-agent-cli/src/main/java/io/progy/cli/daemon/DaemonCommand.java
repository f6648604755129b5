package io.progy.cli.daemon;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code progy daemon status|start|stop}: the background process that keeps commands fast. */
@Command(
        name = "daemon",
        mixinStandardHelpOptions = true,
        description = {
            "Show, start or stop the background process that keeps progy fast.",
            "bin/progy hands short commands (init, status, list, save, sync, update, outdated, hint, next,"
                    + " search, info, whoami) to a warm JVM of the same version instead of starting a new one; the"
                    + " first command starts it. It serves only you (a secret in a private directory: "
                    + "$PROGY_DAEMON_DIR, else $XDG_RUNTIME_DIR/progy, else /tmp/progy-<uid>), runs each command"
                    + " in your environment and directory, and exits after $PROGY_DAEMON_IDLE_MINUTES (default 60)"
                    + " without commands or when progy is rebuilt. PROGY_DAEMON=off runs every command in its own"
                    + " JVM."
        },
        subcommands = {DaemonCommand.Status.class, DaemonCommand.Start.class, DaemonCommand.Stop.class},
        footerHeading = "%nExamples:%n",
        footer = {"  progy daemon status", "  progy daemon stop", "  PROGY_DAEMON=off progy status"})
public final class DaemonCommand extends ProgyCommand {
    @Override
    protected int run() {
        throw CliException.usage("missing subcommand: `progy daemon status`, `start` or `stop`");
    }

    /** The paths of the jar this CLI runs from. */
    static DaemonPaths paths(Map<String, String> env) {
        var jar = DaemonPaths.currentJar()
                .orElseThrow(() -> CliException.usage("the background process needs the packaged CLI (bin/progy)"));
        return DaemonPaths.of(env, jar);
    }

    /** The status lines as fields: numbers (pid, served, active, idle_minutes) and booleans (warm) typed. */
    static Map<String, Object> parse(String status) {
        var fields = new LinkedHashMap<String, Object>();
        for (var line : status.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                var value = line.substring(space + 1);
                Object parsed = value.matches("\\d{1,18}")
                        ? (Object) Long.parseLong(value)
                        : value.equals("true") || value.equals("false") ? (Object) Boolean.valueOf(value) : value;
                fields.put(line.substring(0, space), parsed);
            }
        }
        return fields;
    }

    /** {@code progy daemon status}. */
    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Say whether the background process runs, since when and how many commands it served.")
    public static final class Status extends ProgyCommand {
        @Override
        protected int run() {
            var paths = paths(context().env());
            var reply = DaemonClient.request(paths, "status");
            var out = output();
            if (out.json()) {
                var json = new LinkedHashMap<String, Object>();
                json.put("running", reply.isPresent());
                reply.map(DaemonCommand::parse).ifPresent(json::putAll);
                out.printJson(json);
            } else if (reply.isPresent()) {
                var fields = parse(reply.get());
                out.println("running: pid " + fields.get("pid") + ", since " + fields.get("started") + ", "
                        + fields.get("served") + " commands served (" + fields.get("active") + " running now), stops"
                        + " after " + fields.get("idle_minutes") + " idle minutes");
            } else {
                out.println("not running (the next command starts it; PROGY_DAEMON=off disables it)");
            }
            return ExitCode.OK;
        }
    }

    /** {@code progy daemon start}. */
    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "Start the background process now and wait until it is ready and warm (at most 30 s).")
    public static final class Start extends ProgyCommand {
        @Override
        protected int run() throws IOException {
            var paths = paths(context().env());
            boolean running = DaemonClient.request(paths, "status").isPresent();
            var started = DaemonLauncher.start(paths, Duration.ofSeconds(30));
            if (started.isEmpty()) {
                throw new CliException(ExitCode.FAILURE, "the background process did not start; see " + paths.log());
            }
            var fields = parse(started.get());
            output().info((running ? "already running" : "started") + ": pid " + fields.get("pid")
                    + (Boolean.TRUE.equals(fields.get("warm")) ? "" : " (still warming up)"));
            return ExitCode.OK;
        }
    }

    /** {@code progy daemon stop}. */
    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stop the background process (after the commands it is running).")
    public static final class Stop extends ProgyCommand {
        @Override
        protected int run() {
            var paths = paths(context().env());
            var reply = DaemonClient.request(paths, "stop");
            output().info(reply.isPresent() ? "stopping" : "not running");
            return ExitCode.OK;
        }
    }
}
