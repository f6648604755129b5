package io.progy.cli.learn;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import io.progy.format.CheckResult;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tells when the files of one exercise change. The exercise directory and its subdirectories are watched, and so
 * is its parent: editors that save by writing a new file and renaming it over the old one show up as a create or
 * a move in the exercise directory, and a tool that replaces the whole exercise directory shows up in the parent,
 * after which the new directory is watched instead. {@code results.json} (the check's own output) and editor
 * scratch files (hidden files, {@code ~} backups, swap files) are not changes.
 */
final class ExerciseWatcher implements AutoCloseable {
    private final WatchService service;
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private Path exerciseDir;

    ExerciseWatcher() throws IOException {
        service = FileSystems.getDefault().newWatchService();
    }

    /** Watches {@code dir} (and its parent) instead of what was watched before. */
    void watch(Path dir) throws IOException {
        keys.keySet().forEach(WatchKey::cancel);
        keys.clear();
        exerciseDir = dir;
        register(dir.getParent());
        registerTree(dir);
    }

    /**
     * Waits up to {@code timeoutMillis} for the next batch of events.
     *
     * @return whether any of them changed a file of the exercise
     */
    boolean awaitChange(long timeoutMillis) throws IOException, InterruptedException {
        var key = service.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (key == null) {
            return false;
        }
        var changed = false;
        do {
            changed |= handle(key);
            key = service.poll();
        } while (key != null);
        return changed;
    }

    /**
     * The exercise's files as they are now (size and modification time of each file that {@link #matters}),
     * to tell afterwards whether the student saved one while a check ran.
     */
    Map<Path, String> snapshot() throws IOException {
        var files = new HashMap<Path, String>();
        if (!Files.isDirectory(exerciseDir)) {
            return files;
        }
        try (var walk = Files.walk(exerciseDir)) {
            for (var file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                if (matters(file.getFileName().toString())) {
                    files.put(
                            file,
                            Files.size(file) + "@"
                                    + Files.getLastModifiedTime(file).toMillis());
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return files;
    }

    /**
     * Whether a file of {@code before} was changed or removed since. Files that appeared since are not counted:
     * they are what the check itself wrote (class files, reports).
     */
    boolean changedSince(Map<Path, String> before) throws IOException {
        var now = snapshot();
        return before.entrySet().stream().anyMatch(e -> !e.getValue().equals(now.get(e.getKey())));
    }

    /** Forgets the events already queued (for example those the check itself caused). */
    void drain() throws IOException {
        WatchKey key;
        while ((key = service.poll()) != null) {
            handle(key);
        }
    }

    private boolean handle(WatchKey key) throws IOException {
        var dir = keys.get(key);
        var changed = false;
        for (var event : key.pollEvents()) {
            if (dir == null) {
                continue;
            }
            if (event.kind() == OVERFLOW) {
                changed = true; // events were lost: assume the worst
                continue;
            }
            var name = (Path) event.context();
            var path = dir.resolve(name);
            if (dir.equals(exerciseDir.getParent())) {
                // In the parent, only the exercise directory itself matters: re-created, renamed into place.
                if (path.equals(exerciseDir) && event.kind() != ENTRY_DELETE && Files.isDirectory(exerciseDir)) {
                    registerTree(exerciseDir);
                    changed = true;
                }
                continue;
            }
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(path)) {
                registerTree(path);
            }
            changed |= matters(name.toString());
        }
        if (!key.reset()) {
            keys.remove(key);
        }
        return changed;
    }

    static boolean matters(String fileName) {
        return !(fileName.equals(CheckResult.FILE_NAME)
                || fileName.startsWith(".")
                || fileName.endsWith("~")
                || fileName.endsWith(".swp")
                || fileName.endsWith(".swx")
                || fileName.equals("4913")); // vim's write test file
    }

    private void registerTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var dirs = Files.walk(dir)) {
            for (var sub : dirs.filter(Files::isDirectory).toList()) {
                if (sub.equals(dir) || !sub.getFileName().toString().startsWith(".")) {
                    register(sub);
                }
            }
        }
    }

    private void register(Path dir) throws IOException {
        keys.put(dir.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), dir);
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
