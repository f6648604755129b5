package io.progy.orchestrator.git;

import io.progy.orchestrator.config.ProgyProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.RepositoryCache.FileKey;
import org.eclipse.jgit.lib.RepositoryCacheConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The builtin host's bare repositories on disk, {@code ${dataDir}/git/<owner>/<name>.git}. Every method
 * blocks (file I/O): call them on {@code boundedElastic}.
 *
 * <p>Open repositories are shared through JGit's {@link RepositoryCache}: a push is two requests (the ref
 * advertisement, then the pack), and opening a repository afresh for each re-reads every pack index. An
 * instance unused for {@link #CACHE_EXPIRY} is closed; those of this data dir are closed when the server
 * stops.
 */
@Component
class BareRepositories implements DisposableBean {

    /** How long an unused repository stays open. */
    static final Duration CACHE_EXPIRY = Duration.ofMinutes(10);

    /** Owner (a user name) and repository name rules; anything else is never a path on disk. */
    private static final Pattern OWNER = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,37}[a-z0-9])?");

    private static final Pattern NAME = Pattern.compile("progy-[a-z0-9][a-z0-9-]{0,113}");

    static final String INITIAL_BRANCH = "main";
    /** Never a repository path: owners start with a letter or digit. */
    private static final String TEMPLATE = ".template.git";

    private final Path root;
    /** Files of a freshly initialised bare repository, relative paths in creation order (made once). */
    private volatile List<Path> template;

    @Autowired
    BareRepositories(ProgyProperties properties) {
        this(properties.dataDir().resolve("git"));
        // The cache is the JVM's: configured once per start, it expires what this server no longer serves.
        var cache = new RepositoryCacheConfig();
        cache.setExpireAfter(CACHE_EXPIRY.toMillis());
        cache.install();
    }

    BareRepositories(Path root) {
        this.root = root.toAbsolutePath();
    }

    /** The directory of a repository, or empty when owner or name could not be one. */
    Optional<Path> directory(String owner, String name) {
        if (!OWNER.matcher(owner).matches() || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(root.resolve(owner).resolve(name + ".git"));
    }

    /**
     * Creates the bare repository unless it exists. It is made in a temporary directory and renamed into
     * place, so a repository is never seen half-made and concurrent callers create exactly one. The
     * content is a copy of a repository JGit initialised once ({@code .template.git}): initialising each
     * one with JGit costs several times more than copying its dozen small files.
     *
     * @return whether this call created it
     */
    boolean createIfAbsent(String owner, String name) {
        Path target = directory(owner, name)
                .orElseThrow(() -> new IllegalArgumentException("invalid repository " + owner + "/" + name));
        if (exists(target)) {
            return false;
        }
        Path staging = null;
        try {
            Files.createDirectories(target.getParent());
            staging = Files.createTempDirectory(target.getParent(), ".new-" + name + "-");
            copyTemplate(staging);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (IOException e) {
                if (exists(target)) {
                    return false; // another caller won the rename
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create repository " + target, e);
        } finally {
            if (staging != null) {
                deleteQuietly(staging);
            }
        }
    }

    boolean exists(String owner, String name) {
        return directory(owner, name).map(BareRepositories::exists).orElse(false);
    }

    /**
     * Opens an existing repository, shared with other requests; close it after use, which releases this use
     * (the instance stays open for the next request). A missing repository is never cached, so one created
     * later is found.
     */
    Optional<Repository> open(String owner, String name) throws IOException {
        Optional<Path> dir = directory(owner, name);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        FileKey key = FileKey.exact(dir.get().toFile(), FS.DETECTED);
        if (!exists(dir.get())) {
            // Deleted from under a running server: drop what was cached, so a repository made again at the
            // same path starts with nothing remembered about the old one.
            if (RepositoryCache.getRegisteredKeys().contains(key)) {
                closeCached(key);
            }
            return Optional.empty();
        }
        return Optional.of(RepositoryCache.open(key, true));
    }

    /** How many pack files the repository holds (0 when it is missing): each push adds one. */
    int packCount(String owner, String name) throws IOException {
        Optional<Path> dir = directory(owner, name);
        Path packs = dir.map(d -> d.resolve("objects/pack")).orElse(null);
        if (packs == null || !Files.isDirectory(packs)) {
            return 0;
        }
        int count = 0;
        try (var files = Files.newDirectoryStream(packs, "pack-*.pack")) {
            for (Path ignored : files) {
                count++;
            }
        }
        return count;
    }

    /**
     * Repacks the repository into one pack (two when objects are reachable only from outside branches and
     * tags) and deletes the packs it replaces at once. The caller must make sure no push writes to the
     * repository meanwhile ({@link RepositoryHousekeeping}): a pack received but not yet referenced would
     * otherwise only survive as loose objects. Unreferenced loose objects are pruned at JGit's default age
     * (two weeks). Runs on its own instance, so that closing its packs does not close those that fetches
     * read through the shared one; they find the new pack when theirs is gone.
     */
    void compact(String owner, String name) throws IOException {
        Path dir = directory(owner, name)
                .filter(BareRepositories::exists)
                .orElseThrow(() -> new IOException("no repository " + owner + "/" + name));
        try (var repository = (FileRepository) new FileRepositoryBuilder()
                .setGitDir(dir.toFile())
                .setMustExist(true)
                .build()) {
            GC gc = new GC(repository);
            gc.setPackExpireAgeMillis(0);
            gc.gc().join();
        } catch (GitAPIException | ParseException e) {
            throw new IOException("gc of " + owner + "/" + name + " failed", e);
        }
    }

    /** Closes the cached repositories of this data dir: the cache outlives the server in the same JVM. */
    @Override
    public void destroy() {
        for (RepositoryCache.Key key : RepositoryCache.getRegisteredKeys()) {
            if (key instanceof FileKey file && file.getFile().toPath().startsWith(root)) {
                closeCached(file);
            }
        }
    }

    private static void closeCached(FileKey key) {
        try {
            // Takes a use, which closing then discards with the instance.
            RepositoryCache.close(RepositoryCache.open(key, false));
        } catch (IOException e) {
            RepositoryCache.unregister(key);
        }
    }

    private void copyTemplate(Path staging) throws IOException {
        Path source = root.resolve(TEMPLATE);
        for (Path entry : template()) {
            Path from = source.resolve(entry);
            Path to = staging.resolve(entry);
            if (Files.isDirectory(from)) {
                Files.createDirectories(to);
            } else {
                Files.copy(from, to);
            }
        }
    }

    /** Initialises the template once per start, so it always carries this version's settings. */
    private List<Path> template() throws IOException {
        List<Path> entries = template;
        if (entries != null) {
            return entries;
        }
        synchronized (this) {
            if (template == null) {
                Path dir = root.resolve(TEMPLATE);
                deleteQuietly(dir);
                Files.createDirectories(root);
                Path staging = Files.createTempDirectory(root, ".new-template-");
                initialise(staging);
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
                try (Stream<Path> walk = Files.walk(dir)) {
                    template = walk.filter(p -> !p.equals(dir))
                            .map(dir::relativize)
                            .toList();
                }
            }
            return template;
        }
    }

    private static boolean exists(Path repository) {
        return Files.isDirectory(repository.resolve("objects"));
    }

    private static void initialise(Path dir) throws IOException {
        try (Git git = Git.init()
                .setBare(true)
                .setDirectory(dir.toFile())
                .setInitialBranch(INITIAL_BRANCH)
                .call()) {
            var config = git.getRepository().getConfig();
            // The host refuses these itself; the settings keep any other tool pointed at the directory honest.
            config.setBoolean(ConfigConstants.CONFIG_RECEIVE_SECTION, null, "denyNonFastForwards", true);
            config.setBoolean(ConfigConstants.CONFIG_RECEIVE_SECTION, null, "denyDeletes", true);
            // Repacking is RepositoryHousekeeping's, between pushes; JGit's own check after each push is skipped.
            config.setBoolean(ConfigConstants.CONFIG_RECEIVE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOGC, false);
            config.save();
        } catch (GitAPIException e) {
            throw new IOException("git init failed in " + dir, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
        } catch (IOException ignored) {
            // A leftover staging directory is harmless: its name never matches a repository.
        }
    }
}
