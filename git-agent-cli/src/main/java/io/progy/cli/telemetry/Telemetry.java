package io.progy.cli.telemetry;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.progy.cli.CliContext;
import io.progy.cli.CliException;
import io.progy.cli.Output;
import io.progy.cli.config.Settings;
import io.progy.cli.http.ApiException;
import io.progy.cli.http.HttpApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Records the checks a student runs and sends them, in batches, to the server the course came from.
 *
 * <p>Sent per check: a random event id, the course name and version and the exercise id (from the workspace's
 * {@code progy.toml} and the course layout), pass or fail, how long the check took and when it finished. Never the
 * student's code, the check's output or any path. Only workspaces made by {@code progy init} (with a
 * {@code progy.toml} naming the server) report checks.
 *
 * <p>Nothing here ever fails a command: a problem is printed with {@code -v} and the check stays queued. Events
 * are sent with the login for that server ({@code $PROGY_TOKEN} only when it is the server this run talks to, so
 * a workspace naming another server never receives it); without one they stay queued until {@code progy login}.
 * A batch the server answers (even with some events rejected) or refuses as malformed is removed; one that did
 * not get through (offline, server down, 401/403, rate limited) stays for the next attempt.
 */
public final class Telemetry {
    /** {@code off} (or {@code 0}, {@code false}, {@code no}; any value but on/1/true/yes) turns telemetry off. */
    public static final String ENV = "PROGY_TELEMETRY";
    /** How long sending may hold up a command once its own work is done. */
    public static final Duration SEND_BOUND = Duration.ofSeconds(2);

    /**
     * Commands after which queued checks are sent (within {@link #SEND_BOUND}): those that just logged in or
     * talked to the server anyway. {@code test} and {@code watch} send after each check themselves.
     */
    public static final Set<String> SENT_AFTER = Set.of("login", "signup", "whoami", "init", "sync");

    static final int BATCH_SIZE = 100;
    static final String EVENTS_PATH = "/v1/telemetry/events";

    private final CliContext context;
    private final Output output;
    private final Function<String, String> tokenForServer;
    private final CheckQueue queue;

    /**
     * @param tokenForServer the token to send events to a server with, or null when not logged in there
     */
    public Telemetry(CliContext context, Output output, Function<String, String> tokenForServer) {
        this.context = context;
        this.output = output;
        this.tokenForServer = tokenForServer;
        this.queue = new CheckQueue(context.home());
    }

    /** Whether neither {@value #ENV} nor {@code progy config telemetry off} turns it off. */
    public boolean enabled() {
        if (!envAllows(context.env(ENV).orElse(null))) {
            return false;
        }
        try {
            return Settings.load(context.home()).telemetry();
        } catch (CliException e) {
            output.debug("telemetry is off: " + e.getMessage()); // an unreadable setting may have said off
            return false;
        }
    }

    static boolean envAllows(String value) {
        if (value == null) {
            return true;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "", "on", "1", "true", "yes" -> true;
            default -> false;
        };
    }

    /**
     * Queues one check of {@code exercise} in the workspace at {@code root}, if telemetry is on and the workspace
     * names its course, version and server.
     */
    public void recordCheck(Path root, String exercise, boolean passed, Duration took) {
        if (!enabled()) {
            return;
        }
        try {
            var origin = origin(root);
            if (origin == null) {
                output.debug("no check event: " + root + " has no progy.toml naming course, version and server");
                return;
            }
            var check = new QueuedCheck(
                    UUID.randomUUID().toString(),
                    origin.server(),
                    origin.course(),
                    origin.version(),
                    exercise,
                    passed ? QueuedCheck.PASSED : QueuedCheck.FAILED,
                    Math.max(0, took.toMillis()),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            if (!check.isValid()) {
                output.debug("no check event for " + exercise + ": the server would not accept it");
                return;
            }
            queue.append(check);
        } catch (IOException | RuntimeException e) {
            output.debug("could not queue the check event: " + e);
        }
    }

    /** What a flush did. */
    public record Flushed(int sent, int dropped, int left) {}

    /**
     * Sends what is queued, for at most {@code bound}; what is not sent stays queued.
     *
     * @return how many events were sent, dropped (refused as malformed) and are left
     */
    public Flushed flush(Duration bound) {
        if (queue.isEmpty() || !enabled()) {
            return new Flushed(0, 0, 0);
        }
        long deadline = System.nanoTime() + bound.toNanos();
        try {
            List<QueuedCheck> queued = queue.read();
            Map<String, List<QueuedCheck>> byServer = new LinkedHashMap<>();
            queued.forEach(check -> byServer.computeIfAbsent(check.server(), s -> new ArrayList<>())
                    .add(check));
            Set<String> done = new HashSet<>();
            int sent = 0;
            int dropped = 0;
            for (var entry : byServer.entrySet()) {
                String token = tokenForServer.apply(entry.getKey());
                if (token == null) {
                    output.debug(entry.getValue().size() + " check events for " + entry.getKey()
                            + " stay queued: not logged in there");
                    continue;
                }
                var checks = entry.getValue();
                for (int from = 0; from < checks.size(); from += BATCH_SIZE) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    var batch = checks.subList(from, Math.min(checks.size(), from + BATCH_SIZE));
                    var outcome = send(entry.getKey(), token, batch, Duration.ofNanos(left));
                    if (outcome == Outcome.KEPT) {
                        break;
                    }
                    batch.forEach(check -> done.add(check.eventId()));
                    if (outcome == Outcome.SENT) {
                        sent += batch.size();
                    } else {
                        dropped += batch.size();
                    }
                }
            }
            if (!done.isEmpty() || queued.size() < queue.size()) {
                queue.remove(done);
            }
            return new Flushed(sent, dropped, queued.size() - done.size());
        } catch (IOException | RuntimeException e) {
            output.debug("could not send the queued check events: " + e);
            return new Flushed(0, 0, -1);
        }
    }

    private enum Outcome {
        SENT,
        DROPPED,
        KEPT
    }

    private Outcome send(String server, String token, List<QueuedCheck> batch, Duration timeout) {
        var api = new HttpApi(server, token, output, timeout);
        try {
            api.post(
                    EVENTS_PATH,
                    Map.of("events", batch.stream().map(QueuedCheck::event).toList()),
                    Void.class,
                    HttpApi.Auth.REQUIRED);
            output.debug("sent " + batch.size() + " check events to " + server);
            return Outcome.SENT;
        } catch (ApiException e) {
            if (e.status() == 400 || e.status() == 413) {
                output.debug("the server refused " + batch.size() + " check events, dropped: " + e.getMessage());
                return Outcome.DROPPED;
            }
            output.debug("check events stay queued: " + e.getMessage());
            return Outcome.KEPT;
        } catch (CliException | java.io.UncheckedIOException e) {
            output.debug("check events stay queued: " + e.getMessage());
            return Outcome.KEPT;
        }
    }

    /**
     * Sends in the background, one flush at a time, for a command that runs on (watch): a request made while a
     * flush runs starts another one after it.
     */
    public Background background() {
        return new Background();
    }

    /** The background sender of {@link #background()}; close it to wait (boundedly) for the flush under way. */
    public final class Background implements AutoCloseable {
        /** How long one background flush may take: nobody waits for it. */
        static final Duration BOUND = Duration.ofSeconds(15);

        private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            var thread = new Thread(task, "progy-telemetry");
            thread.setDaemon(true);
            return thread;
        });
        private final AtomicBoolean requested = new AtomicBoolean();

        private Background() {}

        /** Sends what is queued soon, without waiting. */
        public void flushSoon() {
            if (requested.compareAndSet(false, true)) {
                executor.execute(() -> {
                    requested.set(false);
                    flush(BOUND);
                });
            }
        }

        /** Stops; waits at most {@link #SEND_BOUND} for a flush under way (what it does not send stays queued). */
        @Override
        public void close() {
            executor.shutdown();
            try {
                executor.awaitTermination(SEND_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many checks are queued. */
    public int queued() {
        try {
            return queue.size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Deletes every queued check (when telemetry is turned off). */
    public int discardQueued() throws IOException {
        int count = queued();
        queue.clear();
        return count;
    }

    /** Where a workspace's course came from, as its progy.toml says. */
    record Origin(String course, String version, String server) {}

    static Origin origin(Path root) throws IOException {
        var file = root.resolve("progy.toml");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        var toml = new TomlMapper().readTree(file.toFile());
        var course = toml.path("course").asText("");
        var version = toml.path("version").asText("");
        var server = toml.path("server").asText("");
        if (course.isEmpty() || version.isEmpty() || !(server.startsWith("http://") || server.startsWith("https://"))) {
            return null;
        }
        return new Origin(course, version, server);
    }
}
