package io.progy.cli.http;

import java.nio.file.Path;

/**
 * A finished download.
 *
 * @param file where the bytes were written
 * @param size bytes received
 * @param sha256 hex SHA-256 of the bytes received, computed while streaming
 * @param announcedSha256 the server's {@code X-Progy-Sha256} header, or null
 */
public record Download(Path file, long size, String sha256, String announcedSha256) {}
