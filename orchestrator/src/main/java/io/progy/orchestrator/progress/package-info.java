/**
 * Progress: the check events the CLI reports ({@code POST /v1/telemetry/events}: pass or fail, duration, never
 * code), kept one row per event with a per-user unique event id so a replayed batch changes nothing, and the
 * normalized {@code exercise_progress} rows (one per student, course and exercise) recomputed from them. Students
 * read their own rows ({@code GET /v1/progress/{scope}/{slug}}); a course's owner reads aggregates only
 * ({@code GET /v1/instructor/courses/{scope}/{slug}/stats}).
 */
package io.progy.orchestrator.progress;
