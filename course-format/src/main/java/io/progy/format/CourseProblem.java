package io.progy.format;

import java.util.Objects;

/**
 * One problem found in a course directory by {@link CourseChecker} or {@link CourseLayout#load(java.nio.file.Path)}.
 *
 * @param path the file or directory concerned, relative to the course root and {@code /}-separated, such as
 *     {@code course.json}, {@code content/01_basics/info.toml} or {@code content/01_basics/01_hello/README.md}
 * @param message what is wrong, phrased to follow the path; problems inside a file name the field
 *     ({@code runner.timeout_seconds: must be between 1 and 120}) or the line ({@code line 12: ...})
 */
public record CourseProblem(String path, String message) {

    /** Creates a problem; both parts are required. */
    public CourseProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** Returns {@code "path: message"}. */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
