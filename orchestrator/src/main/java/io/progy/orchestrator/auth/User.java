package io.progy.orchestrator.auth;

import java.time.Instant;

/** A user account as stored. */
public record User(long id, String username, String email, String passwordHash, Instant createdAt) {}
