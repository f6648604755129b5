package io.progy.cli.course;

import io.progy.format.CourseModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a module's {@code info.toml}. Entries are appended as text, so the author's comments, order and layout stay
 * as they are; the file is replaced atomically.
 */
final class ModuleInfo {
    private ModuleInfo() {}

    /** A new {@code info.toml} with {@code [module] title}. */
    static String header(String title) {
        return "[module]\ntitle = " + string(title) + "\n";
    }

    /** One {@code [[exercises]]} table, preceded by an empty line. */
    static String entry(String name, String dir) {
        return "\n[[exercises]]\nname = " + string(name) + "\ndir = " + string(dir) + "\n";
    }

    /** Appends {@code text} to {@code info} (created when missing), atomically. */
    static void append(Path info, String text) throws IOException {
        var current = Files.exists(info) ? Files.readString(info, StandardCharsets.UTF_8) : "";
        if (!current.isEmpty() && !current.endsWith("\n")) {
            current += "\n";
        }
        var temp = Files.createTempFile(info.getParent(), "." + CourseModule.INFO_FILE, ".tmp");
        try {
            Files.writeString(temp, current + text, StandardCharsets.UTF_8);
            Files.move(temp, info, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A TOML basic string. */
    static String string(String value) {
        var out = new StringBuilder("\"");
        for (var c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
