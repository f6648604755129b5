package io.progy.cli.init;

import java.nio.file.Path;

/**
 * A verified course artifact in the cache, ready to unpack.
 *
 * @param fromCache true when no download was needed
 */
record FetchedCourse(String name, String version, String sha256, Path artifact, boolean fromCache) {}
