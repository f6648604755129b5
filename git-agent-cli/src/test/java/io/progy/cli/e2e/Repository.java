package io.progy.cli.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** The Progy repository this module is built from: its launchers and bundled courses. */
final class Repository {
    private Repository() {}

    /** The repository root: the nearest directory above the working directory holding bin/progy and courses/. */
    static Path root() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/progy")) && Files.isDirectory(dir.resolve("courses"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no Progy repository (bin/progy, courses/) above " + Path.of("").toAbsolutePath());
    }
}
