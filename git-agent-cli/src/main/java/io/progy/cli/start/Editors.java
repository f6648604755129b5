package io.progy.cli.start;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opens a file of the course in the student's editor, at a line when one is given: {@code $VISUAL}, else
 * {@code $EDITOR} unless it is a terminal editor (there is no terminal behind the browser), else the first editor or
 * IDE found on the {@code PATH} (VS Code, VSCodium, Cursor, Zed, Sublime Text, IntelliJ IDEA, gedit, Kate). The editor
 * command may carry options ({@code code -w}); it is split on spaces and started without a shell, detached.
 */
final class Editors {
    private static final Set<String> TERMINAL_EDITORS =
            Set.of("vi", "vim", "nvim", "nano", "pico", "emacs", "micro", "hx", "helix", "ed", "joe", "mg", "kak");
    private static final List<String> DETECTED =
            List.of("code", "codium", "cursor", "zed", "subl", "idea", "gedit", "kate", "mousepad", "xed");

    /**
     * What happened.
     *
     * @param ok whether an editor was started
     * @param editor the editor's program name, or {@code null}
     * @param message what to tell the student
     */
    record Opened(boolean ok, String editor, String message) {}

    private Editors() {}

    /**
     * Opens {@code file} (already checked to lie inside the course) at {@code line}.
     *
     * @param line the line, from 1, or {@code null}
     */
    static Opened open(Map<String, String> env, Path file, Integer line) {
        var command = editorCommand(env);
        if (command.isEmpty()) {
            return new Opened(
                    false,
                    null,
                    "No editor found: set $VISUAL (for example VISUAL=code) and restart progy start, or open " + file
                            + " yourself.");
        }
        var words = command.get();
        var program = Path.of(words.get(0)).getFileName().toString().toLowerCase(Locale.ROOT);
        var arguments = new ArrayList<>(words);
        arguments.addAll(lineArguments(program, file.toString(), line));
        try {
            new ProcessBuilder(arguments)
                    .redirectInput(
                            ProcessBuilder.Redirect.from(new File(File.separatorChar == '/' ? "/dev/null" : "NUL")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new Opened(true, program, "Opened in " + program + ".");
        } catch (IOException e) {
            return new Opened(false, program, "Cannot start " + program + ": " + e.getMessage());
        }
    }

    /** How an editor is told the line: each has its own convention. */
    static List<String> lineArguments(String program, String file, Integer line) {
        if (line == null || line < 1) {
            return List.of(file);
        }
        return switch (program) {
            case "code", "codium", "cursor", "code-insiders" -> List.of("-g", file + ":" + line);
            case "idea", "idea.sh", "pycharm", "webstorm", "goland", "clion", "rustrover", "studio" ->
                List.of("--line", Integer.toString(line), file);
            case "subl", "zed", "mousepad" -> List.of(file + ":" + line);
            case "kate" -> List.of("--line", Integer.toString(line), file);
            case "vi", "vim", "nvim", "nano", "emacs", "gedit", "xed", "micro", "gvim", "mvim" ->
                List.of("+" + line, file);
            default -> List.of(file);
        };
    }

    /** The editor command: $VISUAL, $EDITOR (not a terminal editor), or one found on the PATH. */
    static Optional<List<String>> editorCommand(Map<String, String> env) {
        var visual = words(env.get("VISUAL"));
        if (!visual.isEmpty()) {
            return Optional.of(visual);
        }
        var editor = words(env.get("EDITOR"));
        if (!editor.isEmpty()
                && !TERMINAL_EDITORS.contains(
                        Path.of(editor.get(0)).getFileName().toString().toLowerCase(Locale.ROOT))) {
            return Optional.of(editor);
        }
        var path = env.getOrDefault("PATH", "");
        for (var candidate : DETECTED) {
            for (var dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                var program = Path.of(dir, candidate);
                if (Files.isRegularFile(program) && Files.isExecutable(program)) {
                    return Optional.of(List.of(program.toString()));
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> words(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(value.strip().split("\\s+"));
    }
}
