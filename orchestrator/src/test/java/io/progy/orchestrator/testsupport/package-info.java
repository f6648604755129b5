/**
 * Test support other modules reuse (published as the orchestrator's test-jar): a throw-away PostgreSQL schema
 * ({@link io.progy.orchestrator.testsupport.PostgresSchema}) with the condition that skips, or in CI fails, the
 * classes that need one ({@link io.progy.orchestrator.testsupport.RequiresPostgres}), and an in-process S3 server
 * ({@link io.progy.orchestrator.testsupport.S3ProxyServer}), and a form-submitting {@link io.progy.orchestrator.testsupport.Browser}
 * for the server-rendered pages.
 */
package io.progy.orchestrator.testsupport;
