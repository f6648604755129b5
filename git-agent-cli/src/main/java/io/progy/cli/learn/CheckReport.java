package io.progy.cli.learn;

import io.progy.cli.Output;
import io.progy.format.CheckResult;
import io.progy.format.Exercise;

/** The compact report of one check, for {@code progy test} and {@code progy watch}. */
final class CheckReport {
    private CheckReport() {}

    static void print(Output out, Exercise exercise, CheckResult result) {
        var label = exercise.name() + " (" + exercise.path() + ")";
        if (result.passed()) {
            var count = result.tests().size();
            out.println(out.green("✓ " + label + " passed") + (count > 1 ? " — " + count + " tests" : ""));
            return;
        }
        if (result.status() == CheckResult.Status.ERROR) {
            out.println(out.yellow("! " + label + ": the check could not finish")
                    + (result.message() != null ? ": " + result.message() : ""));
        } else {
            var failed = result.tests().stream()
                    .filter(t -> t.status() != CheckResult.Status.PASS)
                    .count();
            out.println("✗ " + label + " failed"
                    + (result.tests().size() > 1
                            ? ": " + failed + " of " + result.tests().size() + " tests"
                            : ""));
        }
        result.firstFailure().ifPresent(test -> {
            var message =
                    test.message() != null ? test.message() : test.status().json();
            if (!(result.status() == CheckResult.Status.ERROR && message.equals(result.message()))) {
                out.println("  " + test.name() + ": " + message);
            }
            if (test.output() != null && !test.output().isBlank()) {
                test.output().stripTrailing().lines().forEach(line -> out.println("  │ " + line));
            }
        });
    }
}
