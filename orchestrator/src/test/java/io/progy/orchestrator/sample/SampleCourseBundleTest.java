package io.progy.orchestrator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jar bundles exactly the course directories of {@code ../courses} (those with a course.json): no
 * solutions, no scripts. The build copies {@code ../courses} with excludes (see the pom); this keeps the two
 * in step when a directory is added there.
 */
class SampleCourseBundleTest {

    private static final Path SOURCE = Path.of("..", "courses");
    private static final Path BUNDLED = Path.of("target", "classes", "sample-courses");

    @Test
    void bundlesOnlyCourseDirectories() throws IOException {
        List<String> courses = names(SOURCE, dir -> Files.isRegularFile(dir.resolve("course.json")));
        List<String> bundled = names(BUNDLED, path -> true);

        assertThat(bundled)
                .as(
                        "entries of %s; a directory of ../courses that is not a course (no course.json) must be"
                                + " excluded in orchestrator/pom.xml",
                        BUNDLED)
                .containsExactlyInAnyOrderElementsOf(courses);
        for (String course : bundled) {
            assertThat(BUNDLED.resolve(course).resolve("course.json")).isRegularFile();
        }
    }

    private static List<String> names(Path dir, java.util.function.Predicate<Path> keep) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(keep)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }
}
