package io.progy.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a command may touch of the outside world: the environment, the three standard streams and whether
 * they are a terminal. Tests pass their own; {@link Progy#main} passes the process's.
 *
 * @param terminal true when progy runs attached to an interactive terminal ({@code System.console() != null}):
 *     prompts, colour and progress bars are allowed; false when piped or under test
 */
public record CliContext(Map<String, String> env, PrintStream out, PrintStream err, InputStream in, boolean terminal) {

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
