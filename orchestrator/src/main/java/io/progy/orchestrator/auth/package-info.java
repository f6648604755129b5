/**
 * Accounts and API tokens: sign-up, the password-for-token exchange, revocation, and bearer authentication of {@code progy_...} tokens (stored only as sha256, scoped, expiring, revocable). A handler asks for a {@link io.progy.orchestrator.auth.Caller} parameter to require a valid token.
 */
package io.progy.orchestrator.auth;
