/**
 * Errors: features throw {@link io.progy.orchestrator.error.ApiException} with a stable {@link io.progy.orchestrator.error.ProblemCode}; {@link io.progy.orchestrator.error.GlobalErrorHandler} renders it, and every framework error, as an RFC 9457 problem detail with a {@code code}, never a stack trace.
 */
package io.progy.orchestrator.error;
