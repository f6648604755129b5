package io.progy.orchestrator.auth;

import java.time.Instant;
import java.util.List;

/** A stored token as its owner may see it: never its text. */
public record TokenInfo(
        long id,
        String publicId,
        String name,
        List<String> scopes,
        TokenKind kind,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt) {}
