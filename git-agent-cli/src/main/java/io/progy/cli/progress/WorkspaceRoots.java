package io.progy.cli.progress;

import io.progy.cli.CliException;
import java.nio.file.Path;
import java.util.Optional;

/** Finding the workspace a progress command works on. */
public final class WorkspaceRoots {
    private WorkspaceRoots() {}

    /** The workspace (the directory holding progy.toml) at or above {@code start}; exit 2 when there is none. */
    public static Path find(Path start) {
        return ProgyToml.findRoot(start)
                .orElseThrow(() -> CliException.usage("no course here: " + start
                        + " is not inside a course started with `progy init` (no progy.toml in it or above it);"
                        + " pass --dir"));
    }

    /** The workspace's repository; exit 3 when it has none. */
    public static ProgressRepo requireRepo(Path root, Optional<ProgressRepo> repo) {
        return repo.orElseThrow(() -> CliException.conflict(root + " has no Git repository (.git): progy init"
                + " creates one; to keep these files, start the course anew and copy them in"));
    }
}
