/**
 * {@code progy init}: resolve, download into the cache and verify ({@code CourseFetcher}), then build the
 * student's workspace ({@code Workspace}: safe unpack, {@code progy.toml}, {@code .gitignore}, JGit repository
 * with the first commit), removing everything it created when any step fails.
 */
package io.progy.cli.init;
