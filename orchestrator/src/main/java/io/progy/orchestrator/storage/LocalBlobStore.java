package io.progy.orchestrator.storage;

import io.progy.format.Sha256;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Blobs as files under one directory. A put first makes the bytes durable in a file of its own, then
 * publishes it under the key with a hard link, which is atomic and fails if the key exists: a key is
 * never half-written and never overwritten, whatever runs concurrently.
 */
public class LocalBlobStore implements BlobStore {

    private final Path root;

    public LocalBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new StorageException("cannot create the blob directory " + this.root, e);
        }
    }

    @Override
    public Mono<PutResult> putIfAbsent(String key, Path file, String sha256) {
        return blocking("store " + key, () -> {
            Path target = resolve(key);
            if (Files.exists(target)) {
                return new PutResult.AlreadyExists();
            }
            Files.createDirectories(target.getParent());
            force(file);
            try {
                // Same file system (uploads are received under the data dir): link the file itself.
                Files.createLink(target, file);
                return new PutResult.Created();
            } catch (FileAlreadyExistsException e) {
                return new PutResult.AlreadyExists();
            } catch (IOException | UnsupportedOperationException e) {
                return copyThenLink(file, target);
            }
        });
    }

    /** For a source on another file system: copy next to the target, then link the copy. */
    private static PutResult copyThenLink(Path file, Path target) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
        try {
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
            force(temp);
            Files.createLink(target, temp);
            return new PutResult.Created();
        } catch (FileAlreadyExistsException e) {
            return new PutResult.AlreadyExists();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Mono<BlobContent> open(String key) {
        return blocking("open " + key, () -> {
            Path path = resolve(key);
            try {
                return new BlobContent.LocalFile(path, Files.size(path));
            } catch (NoSuchFileException e) {
                return null;
            }
        });
    }

    @Override
    public Mono<Long> size(String key) {
        return open(key).map(BlobContent::size);
    }

    @Override
    public Mono<Boolean> exists(String key) {
        return blocking("stat " + key, () -> Files.exists(resolve(key)));
    }

    @Override
    public Mono<String> sha256(String key) {
        return blocking("hash " + key, () -> {
            Path path = resolve(key);
            try {
                return Sha256.of(path);
            } catch (NoSuchFileException e) {
                return null;
            }
        });
    }

    @Override
    public Mono<Void> delete(String key) {
        return blocking("delete " + key, () -> Files.deleteIfExists(resolve(key)))
                .then();
    }

    @Override
    public String describe() {
        return "local " + root;
    }

    /** Maps a key to a path under the root, refusing anything that could leave it. */
    Path resolve(String key) {
        if (key.isEmpty() || key.startsWith("/") || key.contains("\\") || key.contains("\0") || key.endsWith("/")) {
            throw new IllegalArgumentException("invalid blob key: " + key);
        }
        for (String segment : key.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.startsWith(".")) {
                throw new IllegalArgumentException("invalid blob key: " + key);
            }
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("invalid blob key: " + key);
        }
        return path;
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static <T> Mono<T> blocking(String what, Callable<T> work) {
        return Mono.fromCallable(work)
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(IOException.class, e -> new StorageException("local storage could not " + what, e));
    }
}
