package io.progy.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Progy's Smart Runner Protocol: a runner prints one JSON object between a line {@value #BEGIN} and a line
 * {@value #END}, with other output before and after it if it likes.
 *
 * <pre>{@code
 * __SRP_BEGIN__
 * {"success": false, "summary": "1 of 2 tests failed", "raw": "...",
 *  "tests": [{"name": "adds", "status": "pass"}, {"name": "subtracts", "status": "fail", "message": "expected 1"}],
 *  "diagnostics": [{"severity": "warning", "message": "unused variable", "file": "src/main.rs", "line": 3,
 *                   "snippet": "let x = 1;"}]}
 * __SRP_END__
 * }</pre>
 *
 * <p>{@code success} (a boolean) is required; {@code summary} and {@code raw} are strings, {@code tests[]} have a
 * {@code name}, a {@code status} ({@code pass}, {@code fail} or {@code error}) and an optional {@code message};
 * {@code diagnostics[]} have a {@code severity} ({@code error}, {@code warning}, {@code note}), a {@code message}
 * and optionally {@code file}, {@code line}, {@code column}, {@code snippet}. Other keys ({@code score},
 * {@code duration}, {@code code}, ...) are ignored. When several blocks are printed the last one counts.
 *
 * <p>The block maps onto {@link CheckResult}: {@code success} gives {@code pass} or {@code fail} (a failing test
 * makes it {@code fail} whatever {@code success} says); the tests are kept, or, when there are none, one test named
 * {@value CheckResult#PROCESS_TEST_NAME} stands for the whole run; {@code raw} becomes the output of that test or of
 * the first failing test that has none; a failure's {@code summary} becomes the result's {@code message}; the
 * diagnostics are kept. A block that is not valid (no end marker, not JSON, a field of the wrong type) gives an
 * {@code error} result naming the problem, with the runner's whole output.
 */
final class SmartRunnerOutput {

    /** The line that opens a block. */
    static final String BEGIN = "__SRP_BEGIN__";
    /** The line that closes a block. */
    static final String END = "__SRP_END__";

    private SmartRunnerOutput() {}

    /**
     * The result the last block in {@code output} reports.
     *
     * @return empty when there is no block; an {@code error} result when the block is malformed
     */
    static Optional<CheckResult> find(String output) {
        if (output == null) {
            return Optional.empty();
        }
        var begin = output.lastIndexOf(BEGIN);
        if (begin < 0) {
            return Optional.empty();
        }
        var start = begin + BEGIN.length();
        var end = output.indexOf(END, start);
        if (end < 0) {
            return Optional.of(malformed("it has no " + END + " line after " + BEGIN, output));
        }
        var json = output.substring(start, end).strip();
        if (json.isEmpty()) {
            return Optional.of(malformed("there is nothing between " + BEGIN + " and " + END, output));
        }
        try {
            return Optional.of(toResult(Json.STRICT.readTree(json)));
        } catch (JsonProcessingException e) {
            return Optional.of(malformed(Json.syntaxProblem("JSON", e), output));
        } catch (IllegalArgumentException e) {
            return Optional.of(malformed(e.getMessage(), output));
        }
    }

    private static CheckResult malformed(String problem, String output) {
        return CheckResult.error(
                "the runner printed an invalid Smart Runner Protocol block: " + problem,
                output.isEmpty() ? null : output);
    }

    private static CheckResult toResult(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("must be a JSON object");
        }
        var success = root.get("success");
        if (success == null || !success.isBoolean()) {
            throw new IllegalArgumentException("success: is required, true or false");
        }
        var summary = CheckResult.optionalText(root.get("summary"), "summary");
        var raw = CheckResult.optionalText(root.get("raw"), "raw");
        var tests = new ArrayList<>(CheckResult.array(root.get("tests"), "tests", CheckResult::test));
        var diagnostics = CheckResult.array(root.get("diagnostics"), "diagnostics", CheckResult::diagnostic);
        var anyFailed = tests.stream().anyMatch(t -> t.status() != CheckResult.Status.PASS);
        var passed = success.booleanValue() && !anyFailed;
        var text = raw == null || raw.isBlank() ? null : raw;
        var headline = summary == null || summary.isBlank() ? null : summary.strip();
        if (tests.isEmpty() || (!passed && !anyFailed)) {
            tests.add(new CheckResult.TestResult(
                    CheckResult.PROCESS_TEST_NAME,
                    passed ? CheckResult.Status.PASS : CheckResult.Status.FAIL,
                    passed ? null : headline == null ? "the runner reported a failure" : headline,
                    text,
                    null));
        } else if (text != null) {
            attachOutput(tests, text, passed);
        }
        return new CheckResult(
                passed ? CheckResult.Status.PASS : CheckResult.Status.FAIL,
                passed ? null : headline,
                tests,
                diagnostics);
    }

    /** Gives {@code raw} to the first failing test without output (or, on a pass, to none). */
    private static void attachOutput(List<CheckResult.TestResult> tests, String raw, boolean passed) {
        if (passed) {
            return;
        }
        for (var i = 0; i < tests.size(); i++) {
            var test = tests.get(i);
            if (test.status() != CheckResult.Status.PASS && test.output() == null) {
                tests.set(
                        i, new CheckResult.TestResult(test.name(), test.status(), test.message(), raw, test.taskId()));
                return;
            }
        }
    }
}
