/**
 * {@code progy init}: resolve, download into the cache and verify ({@code CourseFetcher}), make sure the student's
 * progress repository exists, then build the workspace ({@code Workspace}: safe unpack, {@code progy.toml},
 * {@code .gitignore} and the first commit pushed to an empty repository — or, on a second device, the repository's
 * history checked out with the course-owned files laid under it), removing everything it created when any step fails.
 */
package io.progy.cli.init;
