package io.progy.orchestrator.git;

import java.net.URI;
import java.time.Instant;

/**
 * Credentials for one repository: HTTP Basic user name and password (the token) for git.
 *
 * @param username the git user name
 * @param token the secret; seen only once, stored only as its sha256
 * @param repoUrl the repository the token can read and push, absolute or a path on this server
 * @param expiresAt when the token stops working
 */
public record GitCredentials(String username, String token, URI repoUrl, Instant expiresAt) {}
