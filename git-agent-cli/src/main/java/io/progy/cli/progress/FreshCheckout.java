package io.progy.cli.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.CoreConfig;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The first checkout into a working copy that holds nothing but {@code .git}, done as {@code git clone} does it:
 * each file is created once where it belongs, then the index is written to match. JGit's general checkout writes a
 * temporary file, truncates it, and renames it over the target. On ext4, closing a truncated file starts its
 * write-back, so that is three times the file-system work. It is used only for plain files that need no converting:
 * no {@code .gitattributes} in the tree, no attributes file, no CRLF conversion, no submodules and no symbolic
 * links (on a case-insensitive file system a link {@code A} could stand in for a directory {@code a/}; JGit's
 * checkout guards against that). Otherwise {@link WorkingTree} falls back to JGit's checkout.
 */
final class FreshCheckout {
    private final Repository repository;
    private final Path root;
    private final List<Entry> entries;

    private record Entry(String path, FileMode mode, ObjectId id) {}

    private FreshCheckout(Repository repository, Path root, List<Entry> entries) {
        this.repository = repository;
        this.root = root;
        this.entries = entries;
    }

    /** A checkout of {@code tree}, or null when the fast path does not apply (see the class description). */
    static FreshCheckout plan(Repository repository, ObjectId tree) throws IOException {
        var root = repository.getWorkTree().toPath();
        if (!onlyGitDir(root) || needsConversion(repository)) {
            return null;
        }
        var entries = new ArrayList<Entry>();
        try (var walk = new TreeWalk(repository)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            while (walk.next()) {
                var mode = walk.getFileMode(0);
                if (walk.getNameString().equals(".gitattributes")
                        || !(mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE)) {
                    return null;
                }
                entries.add(new Entry(walk.getPathString(), mode, walk.getObjectId(0)));
            }
        }
        return new FreshCheckout(repository, root, entries);
    }

    /** Writes every file and then the index ({@code index} is locked by the caller and committed here). */
    void write(DirCache index) throws IOException {
        var builder = index.builder();
        var made = new HashSet<Path>();
        made.add(root);
        var fs = repository.getFS();
        try (var reader = repository.newObjectReader()) {
            for (var entry : entries) {
                // Validates the path as JGit's checkout does (no "..", ".git", NUL or absolute paths), before writing.
                var cached = new DirCacheEntry(entry.path());
                var file = root.resolve(entry.path());
                var parent = file.getParent();
                if (made.add(parent)) {
                    Files.createDirectories(parent);
                }
                try (var out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    reader.open(entry.id()).copyTo(out);
                }
                if (entry.mode() == FileMode.EXECUTABLE_FILE) {
                    fs.setExecute(file.toFile(), true);
                }
                var attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                cached.setFileMode(entry.mode());
                cached.setObjectId(entry.id());
                cached.setLength(attributes.size());
                cached.setLastModified(attributes.lastModifiedTime().toInstant());
                builder.add(cached);
            }
        }
        if (!builder.commit()) {
            throw new IOException("could not write the index of " + root);
        }
    }

    private static boolean onlyGitDir(Path root) throws IOException {
        try (var children = Files.list(root)) {
            return children.allMatch(child -> child.getFileName().toString().equals(".git"));
        }
    }

    private static boolean needsConversion(Repository repository) {
        var config = repository.getConfig();
        var autoCrlf = config.getEnum(
                ConfigConstants.CONFIG_CORE_SECTION,
                null,
                ConfigConstants.CONFIG_KEY_AUTOCRLF,
                CoreConfig.AutoCRLF.FALSE);
        var eol = config.getEnum(
                ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_EOL, CoreConfig.EOL.NATIVE);
        return autoCrlf == CoreConfig.AutoCRLF.TRUE
                || eol == CoreConfig.EOL.CRLF
                || (eol == CoreConfig.EOL.NATIVE && !"\n".equals(System.lineSeparator()))
                || config.getString(
                                ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_ATTRIBUTESFILE)
                        != null
                || Files.exists(repository.getDirectory().toPath().resolve("info/attributes"))
                || !repository.getFS().supportsExecute();
    }
}
