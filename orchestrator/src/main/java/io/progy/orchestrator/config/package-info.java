/**
 * Typed configuration: the {@code PROGY_*} settings bound to records (defaults in {@code application.yml}), the database (an R2DBC pool over H2 or PostgreSQL, migrated by Flyway over a JDBC URL derived from the R2DBC one), and the production-mode guard that refuses development defaults.
 */
package io.progy.orchestrator.config;
