package io.progy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Recursive deletion, the one file-system helper the commands share. */
public final class FileTrees {
    private FileTrees() {}

    /**
     * Deletes {@code root} and everything under it (only what is under it when {@code keepRoot}); a missing
     * root is fine. Symbolic links are deleted, never followed.
     */
    public static void delete(Path root, boolean keepRoot) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!(keepRoot && path.equals(root))) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
