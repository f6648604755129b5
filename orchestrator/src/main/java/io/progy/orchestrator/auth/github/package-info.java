/**
 * Signing in with GitHub (OAuth authorization code + PKCE + state) and linking the GitHub identity to a
 * Progy account; the GitHub token with the {@code repo} scope is kept encrypted for the portfolio.
 */
package io.progy.orchestrator.auth.github;
