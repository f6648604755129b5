/**
 * Rate limits: in-memory Bucket4j token buckets per client address or per user for sign-in, sign-up, device
 * login, publish and download. A refusal is 429 {@code RATE_LIMITED} with {@code Retry-After}.
 */
package io.progy.orchestrator.ratelimit;
