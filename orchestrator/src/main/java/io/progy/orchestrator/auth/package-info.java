/**
 * Accounts and API tokens: sign-up, the password-for-token exchange, scoped expiring tokens ({@code progy_...}, stored only as sha256, revocable, listed and created by their owner), browser sessions, the encryption of secrets at rest, and bearer authentication. A handler asks for a {@link io.progy.orchestrator.auth.Caller} parameter to require a valid token, and calls {@code caller.require(scope)} for the scope it needs.
 */
package io.progy.orchestrator.auth;
