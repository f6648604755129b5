package io.progy.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a command may touch of the outside world: the environment, the three standard streams, whether they are
 * a terminal and the directory relative paths start from. Tests pass their own; {@link Progy#main} passes the
 * process's, the background process ({@code io.progy.cli.daemon}) its client's.
 *
 * @param terminal true when progy runs attached to an interactive terminal ({@code System.console() != null}):
 *     prompts, colour and progress bars are allowed; false when piped or under test
 * @param cwd the absolute working directory of the invocation: relative paths on the command line resolve
 *     against it
 */
public record CliContext(
        Map<String, String> env, PrintStream out, PrintStream err, InputStream in, boolean terminal, Path cwd) {

    public CliContext {
        if (!cwd.isAbsolute()) {
            throw new IllegalArgumentException("working directory not absolute: " + cwd);
        }
    }

    /** A context whose working directory is this process's. */
    public CliContext(Map<String, String> env, PrintStream out, PrintStream err, InputStream in, boolean terminal) {
        this(env, out, err, in, terminal, Path.of("").toAbsolutePath());
    }

    /** {@code path} made absolute against the invocation's working directory, normalized. */
    public Path resolve(Path path) {
        return cwd.resolve(path).normalize();
    }

    public Optional<String> env(String name) {
        var value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** {@code $PROGY_HOME}, default {@code ~/.progy}: credentials, cache, settings. */
    public Path home() {
        return env("PROGY_HOME")
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".progy"))
                .toAbsolutePath();
    }

    /** Colour only on a terminal, never with {@code NO_COLOR} set (any value) or {@code TERM=dumb}. */
    public boolean color() {
        return terminal && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
    }
}
