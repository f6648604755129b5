package io.progy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Where a command writes: results on stdout (text, or JSON with {@code --format json}), diagnostics on
 * stderr (suppressed by {@code -q}, detailed by {@code -v}), colour only on a terminal without NO_COLOR.
 */
public final class Output {
    private final CliContext context;
    private final OutputOptions options;
    private boolean forceJson;

    Output(CliContext context, OutputOptions options) {
        this.context = context;
        this.options = options;
    }

    /** Output with the default options (text results, notes on stderr), for code run outside a command. */
    public static Output of(CliContext context) {
        return new Output(context, new OutputOptions());
    }

    /** Switches to JSON results for this run (a command's own {@code --json} flag). */
    public void forceJson() {
        forceJson = true;
    }

    public boolean json() {
        return forceJson || options.json();
    }

    public boolean quiet() {
        return options.quiet;
    }

    public boolean verbose() {
        return options.verbose;
    }

    /** A text result line on stdout (only call when {@link #json()} is false). */
    public void println(String line) {
        context.out().println(line);
    }

    /** A result in JSON on stdout: a record, map or list, serialised in snake_case. */
    public void printJson(Object value) {
        try {
            context.out().println(Json.mapper().writeValueAsString(value));
            context.out().flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON result", e);
        }
    }

    /** A note for a person on stderr, unless {@code -q}. */
    public void info(String message) {
        if (!options.quiet) {
            context.err().println(message);
        }
    }

    /** A line on stderr the person must see even with {@code -q} (a login code, a URL to open). */
    public void always(String message) {
        context.err().println(message);
        context.err().flush();
    }

    /** Detail on stderr only with {@code -v}. */
    public void debug(String message) {
        if (options.verbose) {
            context.err().println(dim("· " + message));
        }
    }

    public void warn(String message) {
        context.err().println(paint("33", "warning:") + " " + message);
    }

    public void error(String message) {
        context.err().println(paint("31", "error:") + " " + message);
    }

    public String bold(String text) {
        return paint("1", text);
    }

    public String green(String text) {
        return paint("32", text);
    }

    public String yellow(String text) {
        return paint("33", text);
    }

    public String dim(String text) {
        return paint("2", text);
    }

    private String paint(String sgr, String text) {
        return context.color() ? "\u001b[" + sgr + "m" + text + "\u001b[0m" : text;
    }

    /** Human-readable byte count: 532 B, 14.2 KiB, 3.1 MiB. */
    public static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        double value = count;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = -1;
        do {
            value /= 1024;
            unit++;
        } while (value >= 1024 && unit < units.length - 1);
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
