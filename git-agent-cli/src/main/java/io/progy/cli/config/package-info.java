/**
 * {@code progy config}: the user's settings in {@code $PROGY_HOME/settings.json} ({@link io.progy.cli.config.Settings}),
 * for now whether check events are recorded and sent (telemetry).
 */
package io.progy.cli.config;
