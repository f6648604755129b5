package io.progy.orchestrator.auth;

import java.time.Instant;
import java.util.List;

/** A freshly created API token: the only time its text is ever seen. */
public record IssuedToken(String token, String tokenId, List<String> scopes, Instant expiresAt) {}
