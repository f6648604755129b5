package io.progy.cli.learn;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Puts the terminal in cbreak mode ({@code stty -icanon}: keys arrive without Enter, Ctrl+C still interrupts) for
 * {@code progy watch}, and restores the settings it found. Without {@code stty} or a {@code /dev/tty}, nothing
 * changes and keys are read a line at a time.
 */
final class TerminalMode {
    private final String saved;

    private TerminalMode(String saved) {
        this.saved = saved;
    }

    /** Switches to cbreak mode; {@code null} if the terminal could not be switched. */
    static TerminalMode cbreak() {
        var saved = stty("-g");
        if (saved == null || saved.isBlank() || stty("-icanon", "min", "1") == null) {
            return null;
        }
        return new TerminalMode(saved.strip());
    }

    /** Puts the settings back (safe to call twice). */
    void restore() {
        stty(saved);
    }

    private static String stty(String... args) {
        var command = new java.util.ArrayList<String>(List.of("stty"));
        command.addAll(List.of(args));
        try {
            var process = new ProcessBuilder(command)
                    .redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            return output;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
