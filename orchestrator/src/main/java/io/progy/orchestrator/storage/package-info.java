/**
 * Artifact storage behind the {@link io.progy.orchestrator.storage.BlobStore} port: {@code local} files published by atomic hard link, or an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO) with conditional put-if-absent. Keys are never half-written and never overwritten; AWS SDK types stay inside the adapter.
 */
package io.progy.orchestrator.storage;
