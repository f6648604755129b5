package io.progy.format;

import java.nio.file.Path;

/**
 * The outcome of {@link CoursePacker#pack(Path, Path)}.
 *
 * @param archive the written {@code .progy} file
 * @param sha256 lower-case hex SHA-256 of the archive
 * @param size archive size in bytes
 * @param fileCount number of files packed (directories not counted), {@code course.json} included
 */
public record PackResult(Path archive, String sha256, long size, int fileCount) {}
