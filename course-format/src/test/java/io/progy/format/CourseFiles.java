package io.progy.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes course fixtures: {@code new CourseFiles(dir).write("content/01/info.toml", "...")}. */
final class CourseFiles {

    /** The sample course shipped with the product, from this module's directory. */
    static final Path SAMPLE_COURSE = Path.of("..", "courses", "java-intro");

    static final String MANIFEST = """
            {"name": "@ana/course", "version": "1.0.0", "description": "A course",
             "runner": {"command": ["python3", "{{exercise}}/check.py"]}}
            """;

    private final Path root;

    CourseFiles(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    CourseFiles write(String path, String content) {
        try {
            var file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CourseFiles mkdir(String path) {
        try {
            Files.createDirectories(root.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A module {@code info.toml} listing the given directories as exercises named after them. */
    static String info(String title, String... dirs) {
        var toml = new StringBuilder("[module]\ntitle = \"" + title + "\"\n");
        for (var dir : dirs) {
            toml.append("\n[[exercises]]\nname = \"")
                    .append(dir)
                    .append("\"\ndir = \"")
                    .append(dir)
                    .append("\"\n");
        }
        return toml.toString();
    }

    /** An exercise directory with a README titled {@code title} and a starter file. */
    CourseFiles exercise(String path, String title) {
        return write(path + "/README.md", "# " + title + "\n\nDo it.\n").write(path + "/main.py", "# TODO\n");
    }
}
