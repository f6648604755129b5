package io.progy.cli.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a check command: started without a shell from a given directory with exactly the given environment,
 * its standard output and error read together on a thread that keeps at most {@link #MAX_KEPT_BYTES} (the rest is
 * read and thrown away, so the process never blocks on a full pipe and a runaway print cannot exhaust memory), and
 * stopped with its whole process tree when it runs past the timeout.
 */
final class CheckProcess {
    /** The most output kept from one check; the rest is drained and discarded. */
    static final int MAX_KEPT_BYTES = 1 << 20;
    /** Appended to kept output when more was printed. */
    static final String DISCARDED_MARKER = "\n[progy: output beyond 1 MiB discarded]\n";
    /** How long to wait for the output after the process ended (a stray grandchild may hold the pipe open). */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);

    /** What a run gave: its exit code (-1 when it timed out), everything it printed (capped) and whether it timed out. */
    record Outcome(int exitCode, String output, boolean timedOut) {}

    private CheckProcess() {}

    /**
     * Runs {@code command}.
     *
     * @param onTimeout run after the process tree was killed at its timeout (for example to stop a container
     *     the killed client started); may be {@code null}
     * @throws IOException if the program cannot be started
     */
    static Outcome run(
            List<String> command, Path workDir, Map<String, String> env, Duration timeout, Runnable onTimeout)
            throws IOException {
        return run(command, workDir, env, timeout, onTimeout, null);
    }

    /**
     * Runs {@code command}, telling {@code listener} what it prints as it prints it.
     *
     * @param listener receives the output as it comes (also beyond what is kept), or {@code null}
     */
    static Outcome run(
            List<String> command,
            Path workDir,
            Map<String, String> env,
            Duration timeout,
            Runnable onTimeout,
            OutputListener listener)
            throws IOException {
        var builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        var process = builder.start();
        var collector = new OutputCollector(process.getInputStream(), listener);
        var reader = new Thread(collector, "progy-check-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killTree(process.toHandle());
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the check was running", e);
        }
        if (!finished) {
            killTree(process.toHandle());
            if (onTimeout != null) {
                onTimeout.run();
            }
        }
        awaitOutput(reader, process);
        return new Outcome(finished ? process.exitValue() : -1, collector.text(), !finished);
    }

    /**
     * Kills a process and every process it started. The descendants are listed before anything is killed: once the
     * parent dies, its children are re-parented and no longer show up as its descendants.
     */
    static void killTree(ProcessHandle root) {
        var descendants = new ArrayList<ProcessHandle>();
        root.descendants().forEach(descendants::add);
        root.destroyForcibly();
        for (var child : descendants) {
            child.destroyForcibly();
        }
        // A child may have forked while we listed: sweep once more for anything still attached.
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        for (var handle : descendants) {
            try {
                handle.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // best effort: it was sent SIGKILL
            }
        }
        try {
            root.onExit().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort
        }
    }

    private static void awaitOutput(Thread reader, Process process) {
        try {
            reader.join(OUTPUT_GRACE.toMillis());
            if (reader.isAlive()) {
                process.getInputStream().close(); // unblocks the reader; what it kept so far is the output
                reader.join(OUTPUT_GRACE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // closing a pipe: nothing to report
        }
    }

    /** Reads a stream to its end, keeping the first {@link #MAX_KEPT_BYTES} bytes. */
    static final class OutputCollector implements Runnable {
        private final InputStream in;
        private final OutputListener listener;
        private final java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
        private final java.nio.ByteBuffer pending = java.nio.ByteBuffer.allocate(32 * 1024);
        private final java.nio.CharBuffer decoded = java.nio.CharBuffer.allocate(32 * 1024);
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long discarded;

        OutputCollector(InputStream in) {
            this(in, null);
        }

        OutputCollector(InputStream in, OutputListener listener) {
            this.in = in;
            this.listener = listener;
        }

        /** Decodes a chunk for the listener, keeping an incomplete UTF-8 sequence for the next chunk. */
        private void tell(byte[] buffer, int n) {
            if (listener == null) {
                return;
            }
            var offset = 0;
            while (offset < n) {
                var take = Math.min(pending.remaining(), n - offset);
                pending.put(buffer, offset, take);
                offset += take;
                pending.flip();
                decoder.decode(pending, decoded, false);
                pending.compact();
                decoded.flip();
                if (decoded.hasRemaining()) {
                    try {
                        listener.output(decoded.toString());
                    } catch (RuntimeException e) {
                        // a listener that fails (a closed browser tab) must not stop the check
                    }
                }
                decoded.clear();
            }
        }

        @Override
        public void run() {
            var buffer = new byte[16 * 1024];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    tell(buffer, n);
                    synchronized (this) {
                        int room = MAX_KEPT_BYTES - kept.size();
                        int keep = Math.max(0, Math.min(room, n));
                        kept.write(buffer, 0, keep);
                        discarded += n - keep;
                    }
                }
            } catch (IOException e) {
                // the stream was closed under us, or the process went away: keep what was read
            }
        }

        synchronized String text() {
            var text = kept.toString(StandardCharsets.UTF_8);
            return discarded > 0 ? text + DISCARDED_MARKER : text;
        }
    }
}
