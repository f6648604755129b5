package io.progy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A course written in Progy's original format, kept in {@code src/test/resources/courses/progy-format}: runners[]
 * (a process runner speaking the Smart Runner Protocol from {@code runner/srp.sh}, and a docker-file runner), content,
 * sequential progression, setup checks and guide, a cover image, an info.toml [exercises] table and a typed quiz.
 * The runner passes when an exercise's answer.txt says {@code ok}, fails with a diagnostic when it says
 * {@code wrong}, and prints a malformed block otherwise.
 */
public final class ProgyFormatCourse {
    /** The fixture, relative to the module directory (the tests' working directory). */
    public static final Path FIXTURE = Path.of("src", "test", "resources", "courses", "progy-format");

    private ProgyFormatCourse() {}

    /** A copy of the fixture course in {@code target}. */
    public static Path copy(Path target) throws IOException {
        try (var files = Files.walk(FIXTURE)) {
            for (var source : (Iterable<Path>) files::iterator) {
                var copy = target.resolve(FIXTURE.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }
}
