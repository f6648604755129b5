package io.progy.cli.daemon;

import io.progy.cli.CliContext;
import io.progy.cli.ExitCode;
import io.progy.cli.Progy;
import io.progy.cli.auth.PrivateFiles;
import io.progy.cli.init.StartupTraining;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The background process ({@code progy daemon}): serves {@link DaemonProtocol} on a loopback port, running each
 * command with {@link Progy#execute(String[], CliContext)} in its client's environment, working directory and
 * streams. Started detached by {@link DaemonLauncher}; one per jar (the lock file), gone after the idle time,
 * when the jar changes or on request.
 */
public final class CliDaemon {
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(60);
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DaemonPaths paths;
    private final Duration idle;
    private final ServerSocket server;
    private final String secret;
    private final Instant started = Instant.now();
    private final FileTime jarTime;
    private final Map<String, Session> pending = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        var thread = new Thread(task, "progy-daemon-worker");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long lastActivity = System.nanoTime();
    private volatile String stopReason;
    private volatile boolean warm;

    private CliDaemon(DaemonPaths paths, Duration idle) throws IOException {
        this.paths = paths;
        this.idle = idle;
        this.jarTime = Files.getLastModifiedTime(paths.jar());
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        this.secret = HexFormat.of().formatHex(random32());
    }

    /** {@code CliDaemon JAR}: serves the CLI in JAR until idle (see the package description). */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: CliDaemon JAR (started by `progy daemon start` or bin/progy)");
            System.exit(ExitCode.USAGE);
        }
        var paths = DaemonPaths.of(System.getenv(), Path.of(args[0]).toRealPath());
        paths.secure();
        try (var channel = FileChannel.open(paths.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            var lock = acquire(channel);
            if (lock == null) {
                log("another background process serves " + paths.jar() + ": exiting");
                return;
            }
            var daemon = new CliDaemon(paths, idleTime(System.getenv("PROGY_DAEMON_IDLE_MINUTES")));
            daemon.serve();
        }
        System.exit(0); // commands may leave non-daemon threads (HTTP clients) behind
    }

    static Duration idleTime(String minutes) {
        try {
            long value = minutes == null ? 0 : Long.parseLong(minutes.trim());
            return value > 0 ? Duration.ofMinutes(value) : DEFAULT_IDLE;
        } catch (NumberFormatException e) {
            return DEFAULT_IDLE;
        }
    }

    private static FileLock acquire(FileChannel channel) throws IOException, InterruptedException {
        // A process whose jar was rebuilt is on its way out: wait for it to let go.
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            var lock = channel.tryLock();
            if (lock != null || System.nanoTime() > deadline) {
                return lock;
            }
            Thread.sleep(100);
        }
    }

    private void serve() throws IOException {
        var info = new DaemonInfo(
                server.getLocalPort(), secret, ProcessHandle.current().pid());
        PrivateFiles.write(paths.info(), info.line().getBytes(StandardCharsets.UTF_8));
        log("serving " + paths.jar() + " on 127.0.0.1:" + info.port() + ", pid " + info.pid());
        workers.execute(this::warmUp);
        var watchdog = new Thread(this::watch, "progy-daemon-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            while (stopReason == null) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException e) {
                    if (stopReason == null) {
                        stopReason = "accept failed: " + e.getMessage();
                    }
                    break;
                }
                lastActivity = System.nanoTime();
                workers.execute(() -> handle(socket));
            }
        } finally {
            removeInfoIfOurs(info);
            awaitRunning();
            log("stopped: " + stopReason);
        }
    }

    /** Runs what the commands run once, so the first real one finds its classes loaded and compiled. */
    private void warmUp() {
        try {
            StartupTraining.train();
        } catch (IOException | RuntimeException e) {
            log("warm-up skipped: " + e);
        } finally {
            warm = true;
        }
    }

    private void watch() {
        while (stopReason == null) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            String reason = null;
            try {
                if (!Files.getLastModifiedTime(paths.jar()).equals(jarTime)) {
                    reason = "the jar was rebuilt";
                }
            } catch (IOException e) {
                reason = "the jar is gone";
            }
            if (reason == null && running.get() == 0 && System.nanoTime() - lastActivity > idle.toNanos()) {
                reason = "idle for " + idle.toMinutes() + " min";
            }
            var current = paths.readInfo();
            if (reason == null && (current == null || !current.secret().equals(secret))) {
                reason = "the info file was removed or replaced";
            }
            if (reason != null) {
                stop(reason);
            }
        }
    }

    private void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void awaitRunning() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (running.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void removeInfoIfOurs(DaemonInfo info) {
        var current = paths.readInfo();
        if (info.equals(current)) {
            try {
                Files.deleteIfExists(paths.info());
            } catch (IOException e) {
                log("could not remove " + paths.info() + ": " + e.getMessage());
            }
        }
    }

    private void handle(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) ATTACH_TIMEOUT.toMillis());
            var in = new BufferedInputStream(socket.getInputStream());
            var first = DaemonProtocol.readField(in);
            if (first.startsWith("attach ")) {
                attach(first, socket);
                return; // the session owns the socket now
            }
            if (first.equals(DaemonProtocol.VERSION) && authentic(DaemonProtocol.readField(in))) {
                control(in, socket);
            }
        } catch (IOException | RuntimeException e) {
            log("request dropped: " + e);
        }
        close(socket);
    }

    private boolean authentic(String presented) {
        return MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    private void attach(String line, Socket socket) throws IOException {
        var parts = line.split(" ");
        var session = parts.length == 3 ? pending.get(parts[1]) : null;
        if (session == null || !session.attach(parts[2], socket)) {
            throw new IOException("attach to an unknown session or stream");
        }
    }

    private void control(InputStream in, Socket socket) throws IOException {
        var kind = DaemonProtocol.readField(in);
        var out = socket.getOutputStream();
        switch (kind) {
            case "run" -> run(in, socket);
            case "status" -> out.write(status().getBytes(StandardCharsets.UTF_8));
            case "stop" -> {
                out.write("stopping\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                stop("asked to stop");
            }
            default -> throw new IOException("unknown request " + kind);
        }
        out.flush();
    }

    private String status() {
        return "pid " + ProcessHandle.current().pid() + "\n"
                + "started " + started + "\n"
                + "jar " + paths.jar() + "\n"
                + "served " + served.get() + "\n"
                + "active " + running.get() + "\n"
                + "warm " + warm + "\n"
                + "idle_minutes " + idle.toMinutes() + "\n";
    }

    private void run(InputStream in, Socket control) throws IOException {
        var cwd = Path.of(DaemonProtocol.readField(in));
        boolean terminal = DaemonProtocol.readField(in).equals("1");
        int envCount = DaemonProtocol.readCount(in);
        var env = new HashMap<String, String>();
        for (int i = 0; i < envCount; i++) {
            var entry = DaemonProtocol.readField(in);
            int equals = entry.indexOf('=');
            if (equals > 0) {
                env.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        int argCount = DaemonProtocol.readCount(in);
        var args = new String[argCount];
        for (int i = 0; i < argCount; i++) {
            args[i] = DaemonProtocol.readField(in);
        }
        if (!cwd.isAbsolute() || !Files.isDirectory(cwd)) {
            throw new IOException("working directory is not an absolute directory: " + cwd);
        }
        control.setSoTimeout(0); // the command may run for long; the connection then only signals the client leaving
        var id = HexFormat.of().formatHex(random32());
        var session = new Session();
        pending.put(id, session);
        Socket outSocket;
        Socket errSocket;
        try {
            var reply = control.getOutputStream();
            reply.write(("session " + id + "\n").getBytes(StandardCharsets.UTF_8));
            reply.flush();
            outSocket = session.out.get(ATTACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            errSocket = session.err.get(ATTACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            session.closeAttached();
            throw new IOException("the client did not attach its output");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            pending.remove(id);
        }
        running.incrementAndGet();
        try {
            int code = execute(args, env, terminal, cwd, in, outSocket, errSocket);
            var reply = control.getOutputStream();
            reply.write(("exit " + code + "\n").getBytes(StandardCharsets.UTF_8));
            reply.flush();
        } finally {
            close(outSocket);
            close(errSocket);
            served.incrementAndGet();
            running.decrementAndGet();
            lastActivity = System.nanoTime();
        }
    }

    private int execute(
            String[] args,
            Map<String, String> env,
            boolean terminal,
            Path cwd,
            InputStream control,
            Socket outSocket,
            Socket errSocket)
            throws IOException {
        // The control connection is closed by handle() after the exit line, which also ends the watcher below.
        var worker = Thread.currentThread();
        var done = new java.util.concurrent.atomic.AtomicBoolean();
        // The client closes the control connection when it is interrupted (Ctrl+C): stop the command too.
        workers.execute(() -> {
            try {
                control.read();
            } catch (IOException e) {
                // closed
            }
            synchronized (done) {
                if (!done.get()) {
                    log("client left during `" + String.join(" ", args) + "`: interrupting it");
                    worker.interrupt();
                }
            }
        });
        try (var out = stream(outSocket.getOutputStream());
                var err = stream(errSocket.getOutputStream())) {
            int code;
            try {
                code = Progy.execute(
                        args, new CliContext(Map.copyOf(env), out, err, InputStream.nullInputStream(), terminal, cwd));
            } catch (RuntimeException | LinkageError e) {
                err.println("progy: internal error: " + e);
                code = ExitCode.INTERNAL;
            }
            synchronized (done) {
                done.set(true);
                Thread.interrupted(); // an interrupt that arrived as the command ended is not for the next one
            }
            out.flush();
            err.flush();
            return code;
        }
    }

    private static PrintStream stream(OutputStream socket) {
        return new PrintStream(new BufferedOutputStream(socket, 16 * 1024), true, StandardCharsets.UTF_8);
    }

    private static byte[] random32() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    private static void log(String message) {
        System.err.println(Instant.now() + " " + message);
    }

    /** A run request waiting for its two output connections. */
    private static final class Session {
        final CompletableFuture<Socket> out = new CompletableFuture<>();
        final CompletableFuture<Socket> err = new CompletableFuture<>();

        void closeAttached() {
            for (var stream : java.util.List.of(out, err)) {
                var socket = stream.getNow(null);
                if (socket != null) {
                    close(socket);
                }
            }
        }

        boolean attach(String stream, Socket socket) throws IOException {
            socket.setSoTimeout(0);
            return switch (stream) {
                case "out" -> out.complete(socket);
                case "err" -> err.complete(socket);
                default -> false;
            };
        }
    }
}
