/**
 * The device authorization grant (RFC 8628) behind {@code progy login}: code pairs, polling with
 * {@code authorization_pending} / {@code slow_down} / {@code access_denied} / {@code expired_token}, and the
 * decisions the {@code /device} page records.
 */
package io.progy.orchestrator.auth.device;
