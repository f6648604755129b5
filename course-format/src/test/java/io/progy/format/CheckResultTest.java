package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.progy.format.CheckResult.Status;
import io.progy.format.CheckResult.TestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckResultTest {

    private static final String FAILING = """
            {
              "version": 3,
              "status": "fail",
              "tests": [
                {"name": "greets", "status": "pass", "task_id": 1},
                {"name": "counts", "status": "fail", "message": "expected 3 but got 2", "output": "debug", "task_id": 2}
              ]
            }
            """;

    @Test
    void writesSnakeCaseJsonWithoutNulls() {
        var result = new CheckResult(
                Status.FAIL,
                null,
                List.of(
                        new TestResult("greets", Status.PASS, null, null, 1),
                        new TestResult("counts", Status.FAIL, "expected 3 but got 2", "debug", null)));

        assertThat(result.toJson()).isEqualToIgnoringWhitespace("""
                        {"version": 3, "status": "fail", "tests": [
                          {"name": "greets", "status": "pass", "task_id": 1},
                          {"name": "counts", "status": "fail", "message": "expected 3 but got 2", "output": "debug"}]}
                        """);
    }

    @Test
    void readsWhatItWrites(@TempDir Path tmp) throws IOException {
        var result = CheckResult.parse(FAILING);
        var file = tmp.resolve("results.json");

        result.write(file);

        assertThat(CheckResult.read(file)).isEqualTo(result);
        assertThat(result.passed()).isFalse();
        assertThat(result.firstFailure()).get().extracting(TestResult::name).isEqualTo("counts");
        assertThat(result.tests().get(1))
                .isEqualTo(new TestResult("counts", Status.FAIL, "expected 3 but got 2", "debug", 2));
    }

    @Test
    void acceptsVersionTwoAndUnknownFieldsAndWritesVersionThree() {
        var result = CheckResult.parse("""
                {"version": 2, "status": "error", "message": "does not compile", "extra": true,
                 "tests": [{"name": "t", "status": "error", "test_code": "assert x"}]}
                """);

        assertThat(result.version()).isEqualTo(3);
        assertThat(result.message()).isEqualTo("does not compile");
        assertThat(result.tests()).containsExactly(new TestResult("t", Status.ERROR, null, null, null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            []                                                     | must be a JSON object
            {"status": "pass"}                                     | version: must be 3 (2 is accepted)
            {"version": 1, "status": "pass"}                       | version: must be 3 (2 is accepted)
            {"version": 3}                                         | status: must be pass, fail or error
            {"version": 3, "status": "passed"}                     | status: must be pass, fail or error
            {"version": 3, "status": "fail", "message": 1}         | message: must be a string
            {"version": 3, "status": "fail", "tests": {}}          | tests: must be an array
            {"version": 3, "status": "fail", "tests": [1]}         | tests[0]: must be an object
            {"version": 3, "status": "fail", "tests": [{"status": "fail"}]} | tests[0].name: is required
            {"version": 3, "status": "fail", "tests": [{"name": "t"}]} | tests[0].status: must be pass, fail or error
            {"version": 3, "status": "fail", "tests": [{"name": "t", "status": "fail", "task_id": "1"}]} | tests[0].task_id: must be a whole number
            {"version": 3, "status": "fail", "tests": [{"name": "t", "status": "fail", "output": []}]} | tests[0].output: must be a string
            {"version": 3, "status": "pass"} trailing              | not valid JSON at line 1, column 34: Unrecognized token 'trailing': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
            """)
    void refusesAnInvalidDocumentNamingTheProblem(String json, String problem) {
        assertThatThrownBy(() -> CheckResult.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(problem);
    }

    @Test
    void exitCodeZeroWithoutADocumentPassesWithTheOutput() {
        var result = CheckResult.fromProcess(0, "PASS  prints Hello\nThe test passed.\n", false, 10);

        assertThat(result)
                .isEqualTo(new CheckResult(
                        Status.PASS,
                        null,
                        List.of(new TestResult(
                                "check", Status.PASS, null, "PASS  prints Hello\nThe test passed.\n", null))));
    }

    @Test
    void aNonZeroExitWithoutADocumentFailsWithTheOutput() {
        var result = CheckResult.fromProcess(1, "FAIL  prints Hello\n", false, 10);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.message()).isNull();
        assertThat(result.tests())
                .containsExactly(new TestResult(
                        "check", Status.FAIL, "the check exited with code 1", "FAIL  prints Hello\n", null));
        assertThat(CheckResult.fromProcess(2, null, false, 10).tests())
                .containsExactly(new TestResult("check", Status.FAIL, "the check exited with code 2", null, null));
    }

    @Test
    void aTimeOutIsAnErrorWhateverWasPrinted() {
        var result = CheckResult.fromProcess(0, "{\"version\": 3, \"status\": \"pass\"}\n", true, 7);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.message()).isEqualTo("timed out after 7 s");
        assertThat(result.tests())
                .containsExactly(new TestResult(
                        "check",
                        Status.ERROR,
                        "timed out after 7 s",
                        "{\"version\": 3, \"status\": \"pass\"}\n",
                        null));
        assertThat(CheckResult.fromProcess(-1, "", true, 10).toJson()).doesNotContain("output");
    }

    @Test
    void usesAResultsDocumentPrintedAmongOtherOutput() {
        var output = "Compiling...\n{ not json\n" + FAILING + "done in 0.3 s\n";

        var result = CheckResult.fromProcess(0, output, false, 10);

        assertThat(result).isEqualTo(CheckResult.parse(FAILING));
    }

    @Test
    void theLastPrintedDocumentWins() {
        var fake = "{\"version\": 3, \"status\": \"pass\", \"tests\": [{\"name\": \"fake\", \"status\": \"pass\"}]}";
        var real = "  {\"version\": 3, \"status\": \"fail\", \"tests\": [{\"name\": \"real\", \"status\": \"fail\"}]}";

        var result = CheckResult.fromProcess(0, "student says:\n" + fake + "\nrunner says:\n" + real, false, 10);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.tests()).extracting(TestResult::name).containsExactly("real");
    }

    @Test
    void jsonThatIsNotAResultsDocumentIsPlainOutput() {
        var output = "{\"status\": \"pass\"}\n{\"name\": \"t\", \"status\": \"pass\"}\n";

        var result = CheckResult.fromProcess(1, output, false, 10);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.tests().get(0).output()).isEqualTo(output);
        assertThat(CheckResult.findIn("text {\"version\": 3, \"status\": \"pass\"}"))
                .isEmpty();
        assertThat(CheckResult.findIn("")).isEmpty();
    }

    @Test
    void aPrintedPassNeedsExitCodeZero() {
        var output = "{\"version\": 3, \"status\": \"pass\", \"tests\": [{\"name\": \"t\", \"status\": \"pass\"}]}\n";

        var result = CheckResult.fromProcess(3, output, false, 10);

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.tests())
                .containsExactly(
                        new TestResult("t", Status.PASS, null, null, null),
                        new TestResult(
                                "check", Status.FAIL, "the check reported pass but exited with code 3", output, null));
    }

    @Test
    void aPrintedFailStandsWhateverTheExitCode() {
        assertThat(CheckResult.fromProcess(0, FAILING, false, 10).status()).isEqualTo(Status.FAIL);
        assertThat(CheckResult.fromProcess(1, FAILING, false, 10)).isEqualTo(CheckResult.parse(FAILING));
    }

    @Test
    void aResultsFileComesFirst(@TempDir Path tmp) throws IOException {
        var file = tmp.resolve("results.json");
        Files.writeString(file, FAILING);
        var printed = "{\"version\": 3, \"status\": \"pass\"}\n";

        assertThat(CheckResult.fromProcess(0, printed, false, 10, file)).isEqualTo(CheckResult.parse(FAILING));
        assertThat(CheckResult.fromProcess(0, printed, false, 10, tmp.resolve("absent.json"))
                        .passed())
                .isTrue();
        assertThat(CheckResult.fromProcess(0, printed, true, 10, file).status()).isEqualTo(Status.ERROR);
    }

    @Test
    void anInvalidResultsFileIsAnError(@TempDir Path tmp) throws IOException {
        var file = tmp.resolve("results.json");
        Files.writeString(file, "{\"version\": 3, \"status\": \"green\"}");

        var result = CheckResult.fromProcess(0, "some output", false, 10, file);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.message())
                .isEqualTo("the check wrote an invalid results.json: status: must be pass, fail or error");
        assertThat(result.tests().get(0).output()).isEqualTo("some output");
    }

    @Test
    void readingAMissingFileFails(@TempDir Path tmp) {
        assertThatThrownBy(() -> CheckResult.read(tmp.resolve("results.json"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void truncatesOutputToFiveHundredCharactersWithAMarker() {
        var output = "x".repeat(10_000);

        var test = new TestResult("t", Status.FAIL, null, output, null);

        assertThat(test.output()).hasSize(CheckResult.MAX_OUTPUT_CHARS).endsWith(CheckResult.TRUNCATION_MARKER);
        assertThat(test.output()).startsWith("x".repeat(500 - CheckResult.TRUNCATION_MARKER.length()) + "\n[");
        assertThat(CheckResult.truncate(test.output())).isEqualTo(test.output());
        assertThat(CheckResult.truncate("y".repeat(500))).isEqualTo("y".repeat(500));
        assertThat(CheckResult.truncate(null)).isNull();
        assertThat(CheckResult.fromProcess(1, output, false, 10).tests().get(0).output())
                .hasSize(500);
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        var keep = CheckResult.MAX_OUTPUT_CHARS - CheckResult.TRUNCATION_MARKER.length();
        var output = "a".repeat(keep - 1) + "😀" + "b".repeat(600);

        var truncated = CheckResult.truncate(output);

        assertThat(truncated).isEqualTo("a".repeat(keep - 1) + CheckResult.TRUNCATION_MARKER);
    }

    @Test
    void anErrorResultForAProcessThatCouldNotStart() {
        var result = CheckResult.error("cannot run python3: not found", null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.message()).isEqualTo("cannot run python3: not found");
        assertThat(result.firstFailure()).get().extracting(TestResult::status).isEqualTo(Status.ERROR);
    }

    @Test
    void onlyVersionThreeIsBuilt() {
        assertThatThrownBy(() -> new CheckResult(2, Status.PASS, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new CheckResult(Status.PASS, null, null).tests()).isEmpty();
    }
}
