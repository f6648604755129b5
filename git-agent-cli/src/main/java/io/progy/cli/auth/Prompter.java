package io.progy.cli.auth;

import io.progy.cli.CliContext;
import io.progy.cli.CliException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Asks the person at the terminal, or explains which flag to use when there is no terminal. */
final class Prompter {
    private final CliContext context;

    Prompter(CliContext context) {
        this.context = context;
    }

    String line(String prompt, String flag) {
        var console = context.terminal() ? System.console() : null;
        if (console == null) {
            throw CliException.usage("missing " + flag + " (not on a terminal, so progy cannot ask)");
        }
        var answer = console.readLine("%s", prompt);
        if (answer == null || answer.isBlank()) {
            throw CliException.usage("no " + flag.replace("--", "") + " given");
        }
        return answer.trim();
    }

    String password(String prompt) {
        var console = context.terminal() ? System.console() : null;
        if (console == null) {
            throw CliException.usage("no password: use --password-stdin when not on a terminal");
        }
        var answer = console.readPassword("%s", prompt);
        if (answer == null || answer.length == 0) {
            throw CliException.usage("no password given");
        }
        return new String(answer);
    }

    /** The whole of stdin without its final line break (for {@code --password-stdin}). */
    String passwordFromStdin() {
        try {
            var text = new String(context.in().readAllBytes(), StandardCharsets.UTF_8);
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                throw CliException.usage("--password-stdin: standard input was empty");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
