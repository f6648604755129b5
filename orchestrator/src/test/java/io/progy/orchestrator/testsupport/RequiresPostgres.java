package io.progy.orchestrator.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Put on a test class that needs {@link PostgresSchema} ({@code @ExtendWith(RequiresPostgres.class)}): disables
 * it, with the reason in the test report, when {@value PostgresSchema#ENV} is not set, and fails it instead
 * when {@code CI=true}. A condition, rather than an assumption in {@code @BeforeAll}, because the failsafe
 * report keeps a disabled class's reason but loses an assumption's message.
 */
public final class RequiresPostgres implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (PostgresSchema.databaseUrl().isPresent()) {
            return ConditionEvaluationResult.enabled(PostgresSchema.ENV + " is set");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(
                    PostgresSchema.ENV + " is not set, and CI=true: the PostgreSQL tests must run in CI");
        }
        String reason = PostgresSchema.ENV + " is not set (e.g. r2dbc:postgresql://postgres@127.0.0.1:5432/test):"
                + " PostgreSQL tests skipped";
        System.err.println("[progy-tests] " + context.getDisplayName() + ": " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }
}
