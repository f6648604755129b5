package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmartRunnerOutputTest {

    private static final String FAILING = """
            compiling...
            warning: something the compiler said
            __SRP_BEGIN__
            {"success": false, "summary": "1 of 2 tests failed", "raw": "left: 3\\nright: 4", "score": 50,
             "tests": [{"name": "adds", "status": "pass", "duration": 3},
                       {"name": "subtracts", "status": "fail", "message": "expected 4, got 3"}],
             "diagnostics": [{"severity": "warning", "message": "unused variable `x`", "file": "src/main.rs",
                              "line": 3, "column": 9, "snippet": "let x = 1;", "code": "W0001"}]}
            __SRP_END__
            done
            """;

    @Test
    void aFailureKeepsItsTestsSummaryRawOutputAndDiagnostics() {
        var result = CheckResult.fromProcess(1, FAILING, false, 10);

        assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(result.message()).isEqualTo("1 of 2 tests failed");
        assertThat(result.tests())
                .containsExactly(
                        new CheckResult.TestResult("adds", CheckResult.Status.PASS, null, null, null),
                        new CheckResult.TestResult(
                                "subtracts", CheckResult.Status.FAIL, "expected 4, got 3", "left: 3\nright: 4", null));
        assertThat(result.diagnostics())
                .containsExactly(new CheckResult.Diagnostic(
                        CheckResult.Severity.WARNING, "unused variable `x`", "src/main.rs", 3, 9, "let x = 1;"));
        assertThat(result.diagnostics().get(0).location()).isEqualTo("src/main.rs:3:9");
        // diagnostics survive the results.json round trip
        assertThat(CheckResult.parse(result.toJson())).isEqualTo(result);
        assertThat(result.toJson()).contains("\"diagnostics\"");
    }

    @Test
    void aPassWithoutTestsIsOneTestHoldingTheRawOutput() {
        var result = CheckResult.fromProcess(
                0,
                "__SRP_BEGIN__\n{\"success\": true, \"summary\": \"Tests Passed\", \"raw\": \"ok\"}\n__SRP_END__\n",
                false,
                10);

        assertThat(result.passed()).isTrue();
        assertThat(result.message()).isNull();
        assertThat(result.tests())
                .containsExactly(new CheckResult.TestResult("check", CheckResult.Status.PASS, null, "ok", null));
        assertThat(result.toJson()).doesNotContain("diagnostics");
    }

    @Test
    void aCompileErrorWithoutTestsIsAFailureWithTheSummaryAndItsDiagnostics() {
        var result = CheckResult.fromProcess(1, """
                __SRP_BEGIN__ {"success": false, "summary": "Compilation Error", "raw": "error[E0308]",
                "diagnostics": [{"severity": "error", "message": "mismatched types", "file": "exercise.rs", "line": 7}]}
                __SRP_END__""", false, 10);

        assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(result.firstFailure().orElseThrow().message()).isEqualTo("Compilation Error");
        assertThat(result.firstFailure().orElseThrow().output()).isEqualTo("error[E0308]");
        assertThat(result.diagnostics())
                .extracting(CheckResult.Diagnostic::location)
                .containsExactly("exercise.rs:7");
    }

    @Test
    void aReportedPassFromAFailingProcessIsAFailure() {
        var result = CheckResult.fromProcess(2, "__SRP_BEGIN__\n{\"success\": true}\n__SRP_END__", false, 10);

        assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(result.firstFailure().orElseThrow().message())
                .isEqualTo("the check reported pass but exited with code 2");
    }

    @Test
    void theLastBlockCounts() {
        var result = CheckResult.fromProcess(
                0,
                "__SRP_BEGIN__\n{\"success\": false}\n__SRP_END__\n__SRP_BEGIN__\n{\"success\": true}\n__SRP_END__\n",
                false,
                10);

        assertThat(result.passed()).isTrue();
    }

    @Test
    void aMalformedBlockIsAnErrorWithTheWholeOutput() {
        var notJson = CheckResult.fromProcess(0, "hello\n__SRP_BEGIN__\n{\"success\": tru\n__SRP_END__\n", false, 10);
        assertThat(notJson.status()).isEqualTo(CheckResult.Status.ERROR);
        assertThat(notJson.message())
                .startsWith("the runner printed an invalid Smart Runner Protocol block: not valid" + " JSON at line 1");
        assertThat(notJson.tests().get(0).output()).startsWith("hello\n__SRP_BEGIN__");

        var unterminated = CheckResult.fromProcess(0, "__SRP_BEGIN__\n{\"success\": true}\n", false, 10);
        assertThat(unterminated.message())
                .isEqualTo("the runner printed an invalid Smart Runner Protocol block: it has no __SRP_END__ line after"
                        + " __SRP_BEGIN__");

        var wrongType = CheckResult.fromProcess(0, "__SRP_BEGIN__\n{\"success\": \"yes\"}\n__SRP_END__", false, 10);
        assertThat(wrongType.message())
                .isEqualTo("the runner printed an invalid Smart Runner Protocol block: success: is required, true or"
                        + " false");

        var badTest = CheckResult.fromProcess(
                0,
                "__SRP_BEGIN__\n{\"success\": true, \"tests\": [{\"name\": \"t\", \"status\": \"ok\"}]}\n__SRP_END__",
                false,
                10);
        assertThat(badTest.message()).endsWith("tests[0].status: must be pass, fail or error");
    }

    @Test
    void withoutABlockTheExitCodeDecides() {
        assertThat(CheckResult.fromProcess(0, "all good\n", false, 10).passed()).isTrue();
        assertThat(CheckResult.fromProcess(1, "nope\n", false, 10).status()).isEqualTo(CheckResult.Status.FAIL);
    }
}
