package io.progy.orchestrator.registry;

import java.nio.file.Path;

/** An uploaded artifact received into a temporary file, with the digest computed while it arrived. */
record Upload(Path file, String sha256, long size) {}
