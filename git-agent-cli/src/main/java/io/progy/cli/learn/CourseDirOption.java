package io.progy.cli.learn;

import io.progy.cli.CliContext;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --dir}: where to look for the course instead of the current directory. */
public final class CourseDirOption {
    @Option(
            names = {"-C", "--dir"},
            paramLabel = "DIR",
            description = "Work on the course in or above DIR (default: the current directory).")
    Path dir;

    /** The directory to start looking from, absolute (relative ones against the invocation's directory). */
    public Path start(CliContext context) {
        return dir != null ? context.resolve(dir) : context.cwd();
    }
}
