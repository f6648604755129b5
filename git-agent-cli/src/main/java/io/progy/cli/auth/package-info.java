/**
 * Accounts: {@code signup}, {@code login}, {@code logout}, {@code whoami}, and the credentials file
 * ({@link io.progy.cli.auth.CredentialStore}, mode 0600, replaced atomically, bound to the server that issued
 * the token).
 */
package io.progy.cli.auth;
