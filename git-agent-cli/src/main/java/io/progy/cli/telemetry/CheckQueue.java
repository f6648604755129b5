package io.progy.cli.telemetry;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.progy.cli.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The checks waiting to be sent: {@code $PROGY_HOME/telemetry/queue.jsonl}, one JSON object per line.
 *
 * <p>Every change happens under a lock on {@code queue.lock} (between progy processes, such as {@code watch} in
 * one terminal and {@code test} in another) and a lock in this JVM (a file lock is held per process). An append is
 * one write of a whole line to the end of the file; a line left unfinished by a crash is cut off by a newline
 * first, and unreadable lines are skipped and dropped at the next rewrite. Rewrites (removing sent lines, dropping
 * the oldest) write a temporary file and move it over the queue, so the queue is never half written. The queue is
 * bounded: past {@value #MAX_BYTES} bytes (about 4,000 checks) the oldest lines are dropped, down to three quarters of
 * that.
 */
final class CheckQueue {
    static final long MAX_BYTES = 1024 * 1024;

    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path dir;
    private final Path file;
    private final Path lockFile;
    private final long maxBytes;

    CheckQueue(Path home) {
        this(home, MAX_BYTES);
    }

    /** A queue bounded to {@code maxBytes} (tests use a small bound). */
    CheckQueue(Path home, long maxBytes) {
        this.dir = home.resolve("telemetry");
        this.file = dir.resolve("queue.jsonl");
        this.lockFile = dir.resolve("queue.lock");
        this.maxBytes = maxBytes;
    }

    Path file() {
        return file;
    }

    void append(QueuedCheck check) throws IOException {
        var line = (compactWriter().writeValueAsString(check) + "\n").getBytes(StandardCharsets.UTF_8);
        locked(() -> {
            long size = Files.exists(file) ? Files.size(file) : 0;
            if (size + line.length > maxBytes) {
                keepNewest(readLines(), maxBytes * 3 / 4 - line.length); // not rewritten on every append
            }
            var out = ByteBuffer.allocate(line.length + 1);
            if (!endsWithNewline(file)) {
                out.put((byte) '\n'); // the end of a line a crash left unfinished
            }
            out.put(line).flip();
            try (var channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                while (out.hasRemaining()) {
                    channel.write(out);
                }
            }
            return null;
        });
    }

    /** The queued checks, oldest first; damaged lines are skipped. */
    List<QueuedCheck> read() throws IOException {
        return locked(() -> parse(readLines()));
    }

    /** Removes the checks with these event ids, and any damaged lines. */
    void remove(Set<String> eventIds) throws IOException {
        locked(() -> {
            var kept = new ArrayList<String>();
            for (var line : readLines()) {
                var check = parse(line);
                if (check != null && !eventIds.contains(check.eventId())) {
                    kept.add(line);
                }
            }
            rewrite(kept);
            return null;
        });
    }

    /** Deletes every queued check. */
    void clear() throws IOException {
        locked(() -> {
            Files.deleteIfExists(file);
            return null;
        });
    }

    /** How many checks are queued (damaged lines included), without taking the lock. */
    int size() throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return (int) lines.filter(line -> !line.isBlank()).count();
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** Whether nothing is queued, at the cost of one file-system call. */
    boolean isEmpty() {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            return true;
        }
    }

    private void keepNewest(List<String> lines, long budget) throws IOException {
        var kept = new ArrayList<String>();
        long bytes = 0;
        for (int i = lines.size() - 1; i >= 0; i--) {
            bytes += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes > budget) {
                break;
            }
            kept.add(0, lines.get(i));
        }
        rewrite(kept);
    }

    private void rewrite(List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        var temp = Files.createTempFile(dir, ".queue-", ".tmp");
        try {
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private List<String> readLines() throws IOException {
        try {
            // Decoded leniently: a damaged byte spoils its own line only, which then fails to parse.
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private static List<QueuedCheck> parse(List<String> lines) {
        var checks = new ArrayList<QueuedCheck>();
        for (var line : lines) {
            var check = parse(line);
            if (check != null) {
                checks.add(check);
            }
        }
        return checks;
    }

    private static QueuedCheck parse(String line) {
        try {
            var check = Json.mapper().readValue(line, QueuedCheck.class);
            return check != null && check.isValid() ? check : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** True for a file that is absent, empty or ends with a newline. */
    private static boolean endsWithNewline(Path file) throws IOException {
        try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() == 0) {
                return true;
            }
            var last = ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) == '\n';
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    private static ObjectWriter compactWriter() {
        return Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
    }

    private interface Locked<T> {
        T run() throws IOException;
    }

    private <T> T locked(Locked<T> action) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (POSIX) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        IN_THIS_JVM.lock();
        try (var channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                var lock = channel.lock()) {
            return action.run();
        } finally {
            IN_THIS_JVM.unlock();
        }
    }
}
