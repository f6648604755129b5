package io.progy.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of checking one exercise, in the shape of Exercism's {@code results.json} version 3, whatever the
 * runner.
 *
 * <pre>{@code
 * {
 *   "version": 3,
 *   "status": "fail",
 *   "tests": [
 *     {"name": "prints Hello, World!", "status": "fail", "message": "expected Hello, World! but got nothing",
 *      "output": "...", "task_id": 1}
 *   ]
 * }
 * }</pre>
 *
 * <p>{@code status} is {@code pass} (every test passed), {@code fail} (at least one did not) or {@code error} (the
 * check could not run its tests: it did not compile, timed out, or its result could not be read); {@code message}
 * says why, for {@code error}. Each test has a {@code name}, a {@code status}, and optionally a {@code message} (why
 * it failed), an {@code output} (what the code printed, at most {@value #MAX_OUTPUT_CHARS} characters, see
 * {@link #truncate(String)}) and a {@code task_id}. JSON is snake_case and leaves {@code null} fields out.
 *
 * <p>A runner reports in one of four ways, tried in this order by {@link #fromProcess(int, String, boolean, int,
 * Path)}: it writes a {@code results.json} file, or it prints a Smart Runner Protocol block (a JSON object between the
 * lines {@value SmartRunnerOutput#BEGIN} and {@value SmartRunnerOutput#END}, see {@link SmartRunnerOutput}), or it
 * prints a results document (starting at the beginning of a line, anywhere in its output; the last one counts), or it
 * just exits, 0 for pass and anything else for fail. A check that runs past its timeout is an {@code error} ("timed
 * out after N s"), whatever it wrote. A result never says {@code pass} for a process that exited with a code other
 * than 0.
 *
 * <p>Beside Exercism's keys a result may carry {@code diagnostics}: compiler or linter messages pointing at a file
 * and line ({@link Diagnostic}), as the Smart Runner Protocol reports them. The key is left out when there are none.
 *
 * @param version always {@value #VERSION}
 * @param status the overall status
 * @param message why the check errored, or {@code null}
 * @param tests the tests in the order they ran; may be empty
 * @param diagnostics compiler and linter messages, never {@code null}; may be empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "status", "message", "tests", "diagnostics"})
public record CheckResult(
        int version,
        Status status,
        String message,
        List<TestResult> tests,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Diagnostic> diagnostics) {

    /** The version of the results.json format written. */
    public static final int VERSION = 3;
    /** The most characters a test's output keeps, the truncation marker included. */
    public static final int MAX_OUTPUT_CHARS = 500;
    /** Appended to an output that was cut. */
    public static final String TRUNCATION_MARKER = "\n[output truncated]";
    /** The file a runner may write in the exercise directory. */
    public static final String FILE_NAME = "results.json";
    /** The name of the single test a result derived from an exit code has. */
    public static final String PROCESS_TEST_NAME = "check";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** The status of a whole check or of one test. */
    public enum Status {
        /** Passed. */
        PASS,
        /** Ran and failed. */
        FAIL,
        /** Could not run. */
        ERROR;

        /** The JSON form: {@code pass}, {@code fail} or {@code error}. */
        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Status> of(String json) {
            for (var status : values()) {
                if (status.json().equals(json)) {
                    return Optional.of(status);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One test of a check.
     *
     * @param name what the test checks
     * @param status its status
     * @param message why it failed, or {@code null}
     * @param output what the code printed during the test, or {@code null}; cut to {@value #MAX_OUTPUT_CHARS}
     *     characters by the constructor
     * @param taskId the exercise task the test belongs to, or {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "status", "message", "output", "task_id"})
    public record TestResult(
            String name,
            Status status,
            String message,
            String output,
            @JsonProperty("task_id") Integer taskId) {

        /** Creates a test result, cutting {@code output} with {@link CheckResult#truncate(String)}. */
        public TestResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            output = truncate(output);
        }
    }

    /**
     * A compiler or linter message: what the Smart Runner Protocol calls a diagnostic.
     *
     * @param severity {@code error}, {@code warning} or {@code note}
     * @param message what is wrong
     * @param file the file, as the runner names it (usually relative to the course root), or {@code null}
     * @param line the line, from 1, or {@code null}
     * @param column the column, from 1, or {@code null}
     * @param snippet the lines of code concerned, or {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"severity", "message", "file", "line", "column", "snippet"})
    public record Diagnostic(
            Severity severity, String message, String file, Integer line, Integer column, String snippet) {

        /** Creates a diagnostic; severity and message are required. */
        public Diagnostic {
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(message, "message");
        }

        /** {@code file:line}, {@code file}, or {@code null} when the diagnostic names no file. */
        public String location() {
            if (file == null) {
                return null;
            }
            return line == null ? file : file + ":" + line + (column == null ? "" : ":" + column);
        }
    }

    /** How serious a diagnostic is. */
    public enum Severity {
        /** Stops the code from working. */
        ERROR,
        /** Worth fixing. */
        WARNING,
        /** For information. */
        NOTE;

        /** The JSON form: {@code error}, {@code warning} or {@code note}. */
        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Severity> of(String json) {
            for (var severity : values()) {
                if (severity.json().equals(json)) {
                    return Optional.of(severity);
                }
            }
            return json.equals("info") || json.equals("hint") ? Optional.of(NOTE) : Optional.empty();
        }
    }

    /**
     * Creates a result.
     *
     * @throws IllegalArgumentException if {@code version} is not {@value #VERSION}
     */
    public CheckResult {
        if (version != VERSION) {
            throw new IllegalArgumentException("results.json version must be " + VERSION + ", not " + version);
        }
        Objects.requireNonNull(status, "status");
        tests = tests == null ? List.of() : List.copyOf(tests);
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }

    /** Creates a result without diagnostics. */
    public CheckResult(int version, Status status, String message, List<TestResult> tests) {
        this(version, status, message, tests, List.of());
    }

    /** Creates a version {@value #VERSION} result. */
    public CheckResult(Status status, String message, List<TestResult> tests) {
        this(VERSION, status, message, tests);
    }

    /** Creates a version {@value #VERSION} result with diagnostics. */
    public CheckResult(Status status, String message, List<TestResult> tests, List<Diagnostic> diagnostics) {
        this(VERSION, status, message, tests, diagnostics);
    }

    /** Whether the check passed. */
    public boolean passed() {
        return status == Status.PASS;
    }

    /** The first test that did not pass, if any. */
    public Optional<TestResult> firstFailure() {
        return tests.stream().filter(test -> test.status() != Status.PASS).findFirst();
    }

    /**
     * An {@code error} result, for a check that could not run (for example because its program was not found).
     *
     * @param message why, shown to the student
     * @param output what was printed, or {@code null}
     */
    public static CheckResult error(String message, String output) {
        return new CheckResult(
                Status.ERROR, message, List.of(new TestResult(PROCESS_TEST_NAME, Status.ERROR, message, output, null)));
    }

    /**
     * The result of a check process that may have printed a results document.
     *
     * @param exitCode the process's exit code (ignored when it timed out)
     * @param combinedOutput what it printed on stdout and stderr, or {@code null}
     * @param timedOut whether it was stopped at its timeout
     * @param timeoutSeconds the timeout, for the message
     * @return {@code error} "timed out after N s" if it timed out; else the last results document in the output (a
     *     {@code pass} turned into {@code fail} if the exit code is not 0); else {@code pass} for exit code 0 and
     *     {@code fail} otherwise, with one test named {@value #PROCESS_TEST_NAME} holding the output
     */
    public static CheckResult fromProcess(int exitCode, String combinedOutput, boolean timedOut, int timeoutSeconds) {
        var output = combinedOutput == null ? "" : combinedOutput;
        if (timedOut) {
            return error("timed out after " + timeoutSeconds + " s", output.isEmpty() ? null : output);
        }
        var smart = SmartRunnerOutput.find(output);
        if (smart.isPresent()) {
            var reported = smart.get();
            return reported.status() == Status.ERROR ? reported : reconcile(reported, exitCode, output);
        }
        var printed = findIn(output);
        if (printed.isPresent()) {
            return reconcile(printed.get(), exitCode, output);
        }
        if (exitCode == 0) {
            return new CheckResult(
                    Status.PASS,
                    null,
                    List.of(new TestResult(
                            PROCESS_TEST_NAME, Status.PASS, null, output.isEmpty() ? null : output, null)));
        }
        return new CheckResult(
                Status.FAIL,
                null,
                List.of(new TestResult(
                        PROCESS_TEST_NAME,
                        Status.FAIL,
                        "the check exited with code " + exitCode,
                        output.isEmpty() ? null : output,
                        null)));
    }

    /**
     * Like {@link #fromProcess(int, String, boolean, int)}, but a {@code results.json} the runner wrote comes first.
     * Delete {@code resultsFile} before starting the check, so that a result left by an earlier run is never taken
     * for this one.
     *
     * @param resultsFile where the runner may have written {@code results.json}, usually {@value #FILE_NAME} in the
     *     exercise directory
     * @return as {@link #fromProcess(int, String, boolean, int)} if the file does not exist; an {@code error}
     *     naming the problem if it exists but is not a valid results document
     */
    public static CheckResult fromProcess(
            int exitCode, String combinedOutput, boolean timedOut, int timeoutSeconds, Path resultsFile) {
        if (timedOut || !Files.isRegularFile(resultsFile)) {
            return fromProcess(exitCode, combinedOutput, timedOut, timeoutSeconds);
        }
        var output = combinedOutput == null ? "" : combinedOutput;
        CheckResult written;
        try {
            written = read(resultsFile);
        } catch (IllegalArgumentException e) {
            return error(
                    "the check wrote an invalid " + FILE_NAME + ": " + e.getMessage(),
                    output.isEmpty() ? null : output);
        } catch (IOException e) {
            return error("cannot read " + FILE_NAME + ": " + e.getMessage(), output.isEmpty() ? null : output);
        }
        return reconcile(written, exitCode, output);
    }

    /** A reported pass must agree with the exit code. */
    private static CheckResult reconcile(CheckResult reported, int exitCode, String output) {
        if (reported.status() != Status.PASS || exitCode == 0) {
            return reported;
        }
        var tests = new ArrayList<>(reported.tests());
        tests.add(new TestResult(
                PROCESS_TEST_NAME,
                Status.FAIL,
                "the check reported pass but exited with code " + exitCode,
                output.isEmpty() ? null : output,
                null));
        return new CheckResult(Status.FAIL, null, tests, reported.diagnostics());
    }

    /**
     * The last results document printed in {@code output}: a JSON object starting at the beginning of a line
     * (after optional spaces), with {@code version} 2 or 3 and a valid {@code status}; text before and after it is
     * ignored.
     */
    public static Optional<CheckResult> findIn(String output) {
        if (output == null || !output.contains("\"version\"")) {
            return Optional.empty(); // cheap way out for the usual output with no document at all
        }
        CheckResult last = null;
        var lineStart = 0;
        while (lineStart < output.length()) {
            var at = lineStart;
            while (at < output.length() && (output.charAt(at) == ' ' || output.charAt(at) == '\t')) {
                at++;
            }
            var next = lineStart;
            if (at < output.length() && output.charAt(at) == '{') {
                var parsed = parseAt(output, at);
                if (parsed != null) {
                    try {
                        last = fromTree(parsed.tree());
                        next = parsed.end();
                    } catch (IllegalArgumentException e) {
                        // a JSON object that is not a results document: keep looking
                    }
                }
            }
            var newline = output.indexOf('\n', next);
            if (newline < 0) {
                break;
            }
            lineStart = newline + 1;
        }
        return Optional.ofNullable(last);
    }

    private record Parsed(JsonNode tree, int end) {}

    /** The JSON value starting at {@code from} and where it ends, or {@code null} if none parses there. */
    private static Parsed parseAt(String output, int from) {
        try (var reader = new StringReader(output)) {
            if (reader.skip(from) != from) {
                return null;
            }
            try (var parser = MAPPER.createParser(reader)) {
                JsonNode tree = MAPPER.readTree(parser);
                return tree == null
                        ? null
                        : new Parsed(tree, from + (int) parser.currentLocation().getCharOffset());
            }
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Parses a results document.
     *
     * @throws IllegalArgumentException naming the first problem, if it is not valid JSON or not a results document
     *     (an object with {@code version} 2 or 3, a {@code status} of pass, fail or error, an optional string
     *     {@code message} and an optional array of {@code tests}, each with a {@code name} and a {@code status})
     */
    public static CheckResult parse(String json) {
        try {
            return fromTree(Json.STRICT.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(Json.syntaxProblem("JSON", e), e);
        }
    }

    /**
     * Reads a {@code results.json} file.
     *
     * @throws IllegalArgumentException if it is not a valid results document, see {@link #parse(String)}
     * @throws NoSuchFileException if it does not exist
     * @throws IOException if it cannot be read
     */
    public static CheckResult read(Path file) throws IOException {
        return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    /** This result as a pretty-printed JSON document. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes this result to {@code file} as JSON, UTF-8. */
    public void write(Path file) throws IOException {
        Files.writeString(file, toJson() + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Cuts an output to at most {@value #MAX_OUTPUT_CHARS} characters: if longer, its start followed by
     * {@value #TRUNCATION_MARKER} (a surrogate pair is never split).
     *
     * @return the output as it is if short enough; {@code null} for {@code null}
     */
    public static String truncate(String output) {
        if (output == null || output.length() <= MAX_OUTPUT_CHARS) {
            return output;
        }
        var keep = MAX_OUTPUT_CHARS - TRUNCATION_MARKER.length();
        if (Character.isHighSurrogate(output.charAt(keep - 1))) {
            keep--;
        }
        return output.substring(0, keep) + TRUNCATION_MARKER;
    }

    private static CheckResult fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("must be a JSON object");
        }
        var version = root.get("version");
        if (version == null || !version.isIntegralNumber() || (version.intValue() != 2 && version.intValue() != 3)) {
            throw new IllegalArgumentException("version: must be 3 (2 is accepted)");
        }
        var status = status(root.get("status"), "status");
        var message = optionalText(root.get("message"), "message");
        var tests = array(root.get("tests"), "tests", CheckResult::test);
        var diagnostics = array(root.get("diagnostics"), "diagnostics", CheckResult::diagnostic);
        return new CheckResult(status, message, tests, diagnostics);
    }

    /** An optional array, each element read by {@code element} with its field path ({@code tests[2]}). */
    static <T> List<T> array(JsonNode node, String field, java.util.function.BiFunction<JsonNode, String, T> element) {
        var list = new ArrayList<T>();
        if (node == null || node.isNull()) {
            return list;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(field + ": must be an array");
        }
        for (var i = 0; i < node.size(); i++) {
            list.add(element.apply(node.get(i), field + "[" + i + "]"));
        }
        return list;
    }

    /** A diagnostic: {@code severity} and {@code message} required; {@code file}, {@code line}, ... optional. */
    static Diagnostic diagnostic(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(field + ": must be an object");
        }
        var severityText = optionalText(node.get("severity"), field + ".severity");
        var severity = severityText == null
                ? Severity.ERROR
                : Severity.of(severityText)
                        .orElseThrow(() ->
                                new IllegalArgumentException(field + ".severity: must be error, warning or note"));
        var message = optionalText(node.get("message"), field + ".message");
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException(field + ".message: is required");
        }
        return new Diagnostic(
                severity,
                message,
                optionalText(node.get("file"), field + ".file"),
                position(node.get("line"), field + ".line"),
                position(node.get("column"), field + ".column"),
                optionalText(node.get("snippet"), field + ".snippet"));
    }

    private static Integer position(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw new IllegalArgumentException(field + ": must be a whole number from 1");
        }
        return node.intValue() == 0 ? null : node.intValue();
    }

    static TestResult test(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + ": must be an object");
        }
        var name = optionalText(node.get("name"), field + ".name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(field + ".name: is required");
        }
        var taskId = node.get("task_id");
        if (taskId != null && !taskId.isNull() && !(taskId.isIntegralNumber() && taskId.canConvertToInt())) {
            throw new IllegalArgumentException(field + ".task_id: must be a whole number");
        }
        return new TestResult(
                name,
                status(node.get("status"), field + ".status"),
                optionalText(node.get("message"), field + ".message"),
                optionalText(node.get("output"), field + ".output"),
                taskId == null || taskId.isNull() ? null : taskId.intValue());
    }

    static Status status(JsonNode node, String field) {
        return Optional.ofNullable(node)
                .filter(JsonNode::isTextual)
                .flatMap(n -> Status.of(n.asText()))
                .orElseThrow(() -> new IllegalArgumentException(field + ": must be pass, fail or error"));
    }

    static String optionalText(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + ": must be a string");
        }
        return node.asText();
    }
}
