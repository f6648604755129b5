/**
 * The Progy orchestrator, a Spring Boot WebFlux service. Start at {@link io.progy.orchestrator.ProgyServer}; each sub-package is one feature (configuration, errors, accounts, storage, registry, sample courses) holding its controller, service, SQL and records together.
 */
package io.progy.orchestrator;
