/**
 * Telemetry: each check run by {@code progy test} or {@code progy watch} becomes an event (exercise, pass or fail,
 * duration, time; never code or output) appended to a bounded queue on disk ({@link io.progy.cli.telemetry.CheckQueue})
 * and sent in batches to the server the course came from ({@link io.progy.cli.telemetry.Telemetry}), after the check
 * within a short time bound and by later commands; events stay queued while offline or logged out.
 * {@code PROGY_TELEMETRY=off} or {@code progy config telemetry off} turn it off.
 */
package io.progy.cli.telemetry;
