package io.progy.cli.learn;

import io.progy.format.Exercise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An exercise's hints, in the order they are revealed: the one-line {@code hint} of {@code info.toml} first, then
 * those of {@code hints.md}. In {@code hints.md} each item of a list ({@code 1.}, {@code -}, {@code *}) is one hint;
 * without a list, parts separated by {@code ---} lines are; otherwise the whole text (headings aside) is one hint.
 */
final class Hints {
    private static final Pattern ITEM = Pattern.compile("^(\\d+[.)]|[-*+])\\s+(.*)$");
    private static final Pattern RULE = Pattern.compile("^\\s*(-{3,}|\\*{3,}|_{3,})\\s*$");

    private Hints() {}

    static List<String> of(Exercise exercise) throws IOException {
        var hints = new ArrayList<String>();
        if (exercise.hint() != null && !exercise.hint().isBlank()) {
            hints.add(exercise.hint().strip());
        }
        if (exercise.hints() != null && Files.isRegularFile(exercise.hints())) {
            hints.addAll(parse(Files.readString(exercise.hints(), StandardCharsets.UTF_8)));
        }
        return hints;
    }

    static List<String> parse(String markdown) {
        var lines = markdown.lines().filter(line -> !line.startsWith("#")).toList();
        var items = new ArrayList<String>();
        StringBuilder item = null;
        for (var line : lines) {
            var match = ITEM.matcher(line);
            if (match.matches()) {
                if (item != null) {
                    items.add(item.toString().strip());
                }
                item = new StringBuilder(match.group(2));
            } else if (item != null && !line.isBlank() && Character.isWhitespace(line.charAt(0))) {
                item.append(' ').append(line.strip());
            } else if (item != null && !line.isBlank()) {
                items.add(item.toString().strip());
                item = null;
            }
        }
        if (item != null) {
            items.add(item.toString().strip());
        }
        if (!items.isEmpty()) {
            return items;
        }
        var parts = new ArrayList<String>();
        var part = new StringBuilder();
        for (var line : lines) {
            if (RULE.matcher(line).matches()) {
                addIfText(parts, part);
                part = new StringBuilder();
            } else {
                part.append(line).append('\n');
            }
        }
        addIfText(parts, part);
        return parts;
    }

    private static void addIfText(List<String> parts, StringBuilder part) {
        var text = part.toString().strip();
        if (!text.isEmpty()) {
            parts.add(text);
        }
    }
}
