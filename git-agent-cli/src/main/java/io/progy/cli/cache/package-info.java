/**
 * The download cache under {@code $PROGY_HOME/cache/registry} ({@link io.progy.cli.cache.ArtifactCache}):
 * immutable artifacts by course and version, least-recently-used pruning above 1 GiB, and the {@code cache ls}
 * and {@code cache clean} commands.
 */
package io.progy.cli.cache;
