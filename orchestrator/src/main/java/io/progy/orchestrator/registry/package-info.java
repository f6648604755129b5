/**
 * The course registry: publish (streamed upload, archive inspection, a pending-then-ready version row guarded by a unique constraint, put-if-absent blob), resolve (SemVer ranges over an in-memory version list with content ETags), download (zero-copy for local files, counts aggregated per version per day), search and yank.
 */
package io.progy.orchestrator.registry;
