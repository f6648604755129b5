package io.progy.cli.e2e;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * For a scenario written as ordered steps: once a step fails, the later steps of that class are skipped
 * (each naming the failed step) instead of failing for a reason that is not theirs.
 */
final class StopAfterFirstFailure implements TestWatcher, ExecutionCondition {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(StopAfterFirstFailure.class);

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        classStore(context).put("failed", context.getDisplayName());
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("not a step");
        }
        var failed = classStore(context).get("failed", String.class);
        return failed == null
                ? ConditionEvaluationResult.enabled("no step failed")
                : ConditionEvaluationResult.disabled("an earlier step failed: " + failed);
    }

    private static ExtensionContext.Store classStore(ExtensionContext context) {
        var classContext =
                context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
        return classContext.getStore(NAMESPACE);
    }
}
