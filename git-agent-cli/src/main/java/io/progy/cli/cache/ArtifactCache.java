package io.progy.cli.cache;

import io.progy.cli.CliContext;
import io.progy.cli.CliException;
import io.progy.cli.FileTrees;
import io.progy.format.CourseName;
import io.progy.format.SemVer;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The download cache, {@code $PROGY_HOME/cache/registry/@scope/slug/<version>.progy}. Artifacts are
 * immutable, so a cached file is reused as long as its sha256 matches. Each use touches the file's
 * modification time, and after every store the least recently used artifacts are deleted until the cache is
 * back under its limit (1 GiB, or {@code $PROGY_CACHE_MAX_BYTES}).
 */
public final class ArtifactCache {
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    private static final String EXTENSION = ".progy";
    private static final String TEMP_DIR = ".tmp";
    private static final Duration STALE_TEMP = Duration.ofHours(1);

    /** One cached artifact. */
    public record Entry(String name, String version, long size, Instant lastUsed, Path path) {}

    /** What a prune or clean deleted. */
    public record Removal(int artifacts, long bytes) {}

    private final Path root;
    private final long maxBytes;

    public ArtifactCache(Path root, long maxBytes) {
        this.root = root;
        this.maxBytes = maxBytes;
    }

    /** The cache under {@code $PROGY_HOME}, limited by {@code $PROGY_CACHE_MAX_BYTES} (default 1 GiB). */
    public static ArtifactCache of(CliContext context) {
        long max = context.env("PROGY_CACHE_MAX_BYTES")
                .map(text -> {
                    try {
                        return Long.parseLong(text);
                    } catch (NumberFormatException e) {
                        throw CliException.usage("PROGY_CACHE_MAX_BYTES must be a number of bytes, not '" + text + "'");
                    }
                })
                .orElse(DEFAULT_MAX_BYTES);
        return new ArtifactCache(context.home().resolve("cache").resolve("registry"), max);
    }

    public Path root() {
        return root;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Path pathOf(CourseName name, String version) {
        return root.resolve("@" + name.scope()).resolve(name.slug()).resolve(version + EXTENSION);
    }

    /** The cached artifact of that version, if any (not yet verified). */
    public Optional<Path> find(CourseName name, String version) {
        var path = pathOf(name, version);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** The versions of {@code name} present in the cache. */
    public List<String> versions(CourseName name) throws IOException {
        var dir = pathOf(name, "x").getParent();
        var versions = new ArrayList<String>();
        if (!Files.isDirectory(dir)) {
            return versions;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + EXTENSION)) {
            for (var file : files) {
                var fileName = file.getFileName().toString();
                var version = fileName.substring(0, fileName.length() - EXTENSION.length());
                if (SemVer.isValid(version) && Files.isRegularFile(file)) {
                    versions.add(version);
                }
            }
        }
        versions.sort(SemVer.ORDER);
        return versions;
    }

    /** Marks an artifact as just used (the LRU order is by modification time). */
    public void touch(Path artifact) throws IOException {
        Files.setLastModifiedTime(artifact, FileTime.from(Instant.now()));
    }

    /** A fresh file to download into, on the cache's file system so {@link #store} can move it atomically. */
    public Path newTempFile() throws IOException {
        var dir = Files.createDirectories(root.resolve(TEMP_DIR));
        return Files.createTempFile(dir, "download-", ".part");
    }

    /**
     * Moves a verified download into place, marks it used, and prunes the cache (never this artifact).
     *
     * @return the artifact's path in the cache
     */
    public Path store(CourseName name, String version, Path verifiedTemp) throws IOException {
        var target = pathOf(name, version);
        Files.createDirectories(target.getParent());
        Files.move(verifiedTemp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        touch(target);
        prune(target);
        return target;
    }

    /** Deletes one artifact (a corrupt one, say). */
    public void remove(Path artifact) throws IOException {
        Files.deleteIfExists(artifact);
        deleteEmptyParents(artifact.getParent());
    }

    /**
     * Deletes least recently used artifacts until the cache holds at most {@link #maxBytes()}; {@code keep}
     * (may be null) is never deleted. Also clears temporary files left by interrupted downloads.
     */
    public Removal prune(Path keep) throws IOException {
        clearStaleTempFiles();
        var entries = new ArrayList<>(entries());
        long total = entries.stream().mapToLong(Entry::size).sum();
        entries.sort(Comparator.comparing(Entry::lastUsed));
        int removed = 0;
        long freed = 0;
        for (var entry : entries) {
            if (total <= maxBytes) {
                break;
            }
            if (entry.path().equals(keep)) {
                continue;
            }
            remove(entry.path());
            total -= entry.size();
            freed += entry.size();
            removed++;
        }
        return new Removal(removed, freed);
    }

    /** Every cached artifact, ordered by name then version. */
    public List<Entry> entries() throws IOException {
        var entries = new ArrayList<Entry>();
        if (!Files.isDirectory(root)) {
            return entries;
        }
        try (var scopes = Files.newDirectoryStream(root, "@*")) {
            for (var scope : scopes) {
                if (!Files.isDirectory(scope)) {
                    continue;
                }
                try (var slugs = Files.newDirectoryStream(scope)) {
                    for (var slug : slugs) {
                        if (!Files.isDirectory(slug)) {
                            continue;
                        }
                        var name = scope.getFileName() + "/" + slug.getFileName();
                        try (var files = Files.newDirectoryStream(slug, "*" + EXTENSION)) {
                            for (var file : files) {
                                entry(name, file).ifPresent(entries::add);
                            }
                        }
                    }
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::name).thenComparing(Entry::version, SemVer.ORDER));
        return entries;
    }

    /** Empties the cache. */
    public Removal clean() throws IOException {
        var entries = entries();
        long bytes = entries.stream().mapToLong(Entry::size).sum();
        FileTrees.delete(root, true);
        return new Removal(entries.size(), bytes);
    }

    private static Optional<Entry> entry(String name, Path file) {
        var fileName = file.getFileName().toString();
        var version = fileName.substring(0, fileName.length() - EXTENSION.length());
        try {
            return Optional.of(new Entry(
                    name,
                    version,
                    Files.size(file),
                    Files.getLastModifiedTime(file).toInstant(),
                    file));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // removed meanwhile by another progy
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void clearStaleTempFiles() throws IOException {
        var dir = root.resolve(TEMP_DIR);
        if (!Files.isDirectory(dir)) {
            return;
        }
        var cutoff = Instant.now().minus(STALE_TEMP);
        try (var files = Files.newDirectoryStream(dir)) {
            for (var file : files) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(file);
                    }
                } catch (NoSuchFileException e) {
                    // gone already
                }
            }
        }
    }

    private void deleteEmptyParents(Path dir) throws IOException {
        while (dir != null && dir.startsWith(root) && !dir.equals(root)) {
            try (var children = Files.list(dir)) {
                if (children.findAny().isPresent()) {
                    return;
                }
            } catch (NoSuchFileException e) {
                return;
            }
            Files.deleteIfExists(dir);
            dir = dir.getParent();
        }
    }
}
