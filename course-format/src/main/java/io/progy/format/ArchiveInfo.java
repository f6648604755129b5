package io.progy.format;

/**
 * What {@link SafeUnpacker} found in a valid archive.
 *
 * @param manifest the archive's own {@code course.json}, validated
 * @param fileCount number of file entries (directories not counted)
 * @param totalBytes bytes all files inflate to, as actually counted
 */
public record ArchiveInfo(CourseManifest manifest, int fileCount, long totalBytes) {}
