package io.progy.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --format text|json}, {@code -q}, {@code -v}: accepted before or after any subcommand. */
public final class OutputOptions {
    /** The output formats of results on stdout. */
    public enum Format {
        text,
        json
    }

    @Option(
            names = "--format",
            scope = ScopeType.INHERIT,
            paramLabel = "text|json",
            description = "Result format on stdout: ${COMPLETION-CANDIDATES} (default: text).")
    Format format = Format.text;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "Print only results and errors (no progress or notes on stderr).")
    boolean quiet;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Explain what happens on stderr (requests, cache decisions, stack traces).")
    boolean verbose;

    public boolean json() {
        return format == Format.json;
    }
}
