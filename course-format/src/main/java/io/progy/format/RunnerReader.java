package io.progy.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads and validates the {@code runner} object of {@code course.json} (rules on {@link RunnerSpec}), reporting each
 * problem with its field path, such as {@code runner.timeout_seconds}.
 */
final class RunnerReader {

    static final String FIELD = "runner";

    private static final Set<String> RUNNER_FIELDS = Set.of("command", "timeout_seconds", "docker");
    private static final Set<String> DOCKER_FIELDS = Set.of("image", "network", "memory", "cpus", "pids");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]{0,15}[bkmgBKMG]?");
    private static final Pattern CPUS = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3})?");

    private final BiConsumer<String, String> problems;
    private boolean failed;

    private RunnerReader(BiConsumer<String, String> problems) {
        this.problems = problems;
    }

    /**
     * Reads a {@code runner} value.
     *
     * @param node the value, or {@code null} when the field is absent
     * @param problems receives {@code (field, message)} for every problem found
     * @return the runner, or {@code null} when absent or invalid
     */
    static RunnerSpec read(JsonNode node, BiConsumer<String, String> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        return new RunnerReader(problems).runner(node);
    }

    private RunnerSpec runner(JsonNode node) {
        if (!node.isObject()) {
            problem(
                    FIELD,
                    "must be an object such as {\"command\": [\"python3\", \"{{exercise}}/check.py\"]}, not "
                            + Json.describe(node));
            return null;
        }
        unknownFields(node, FIELD, RUNNER_FIELDS);
        var command = command(node.get("command"));
        var timeout = timeout(node.get("timeout_seconds"));
        var docker = docker(node.get("docker"));
        return failed ? null : new RunnerSpec(command, timeout, docker);
    }

    private List<String> command(JsonNode node) {
        var field = FIELD + ".command";
        if (node == null || node.isNull()) {
            problem(
                    field,
                    "is required: the program and its arguments, such as [\"java\", \"{{exercise}}/Check.java\"]");
            return List.of();
        }
        if (node.isTextual()) {
            problem(
                    field,
                    "must be an array of strings, one per argument, such as [\"java\", \"{{exercise}}/Check.java\"]; "
                            + "a string is never split into arguments");
            return List.of();
        }
        if (!node.isArray()) {
            problem(field, "must be an array of strings, not " + Json.describe(node));
            return List.of();
        }
        if (node.isEmpty()) {
            problem(field, "must not be empty: it needs at least the program to run");
            return List.of();
        }
        var command = new ArrayList<String>();
        for (var i = 0; i < node.size(); i++) {
            var element = field + "[" + i + "]";
            var argument = node.get(i);
            if (!argument.isTextual()) {
                problem(element, "must be a string, not " + Json.describe(argument));
                continue;
            }
            var text = argument.asText();
            if (i == 0 && text.isBlank()) {
                problem(element, "must not be empty: it is the program to run");
                continue;
            }
            placeholders(element, text);
            if (i == 0 && RunnerSpec.hasParentSegment(text)) {
                problem(element, "'" + text + "' must not contain '..': the program must stay inside the course");
            }
            command.add(text);
        }
        return command;
    }

    private void placeholders(String field, String text) {
        var matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            var placeholder = matcher.group();
            if (!placeholder.equals(RunnerSpec.EXERCISE) && !placeholder.equals(RunnerSpec.COURSE)) {
                problem(
                        field,
                        "unknown placeholder " + placeholder + "; the placeholders are " + RunnerSpec.EXERCISE + " and "
                                + RunnerSpec.COURSE);
            }
        }
    }

    private int timeout(JsonNode node) {
        var field = FIELD + ".timeout_seconds";
        if (node == null || node.isNull()) {
            return RunnerSpec.DEFAULT_TIMEOUT_SECONDS;
        }
        if (!node.isNumber()) {
            problem(field, "must be a number of seconds, not " + Json.describe(node));
            return RunnerSpec.DEFAULT_TIMEOUT_SECONDS;
        }
        if (!node.isIntegralNumber()) {
            problem(field, "must be a whole number of seconds, not " + node.asText());
            return RunnerSpec.DEFAULT_TIMEOUT_SECONDS;
        }
        if (!node.canConvertToInt()
                || node.intValue() < RunnerSpec.MIN_TIMEOUT_SECONDS
                || node.intValue() > RunnerSpec.MAX_TIMEOUT_SECONDS) {
            problem(
                    field,
                    "must be between " + RunnerSpec.MIN_TIMEOUT_SECONDS + " and " + RunnerSpec.MAX_TIMEOUT_SECONDS
                            + ", not " + node.asText());
            return RunnerSpec.DEFAULT_TIMEOUT_SECONDS;
        }
        return node.intValue();
    }

    private RunnerSpec.Docker docker(JsonNode node) {
        var field = FIELD + ".docker";
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problem(field, "must be an object such as {\"image\": \"python:3.12-slim\"}, not " + Json.describe(node));
            return null;
        }
        unknownFields(node, field, DOCKER_FIELDS);
        var image = image(node.get("image"), field + ".image");
        var network = network(node.get("network"), field + ".network");
        var memory = memory(node.get("memory"), field + ".memory");
        var cpus = cpus(node.get("cpus"), field + ".cpus");
        var pids = pids(node.get("pids"), field + ".pids");
        return image == null || memory == null || cpus == null
                ? null
                : new RunnerSpec.Docker(image, network, memory, cpus, pids);
    }

    private String image(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            problem(field, "is required: the image to run the check in, such as eclipse-temurin:21");
            return null;
        }
        if (!node.isTextual()) {
            problem(field, "must be a string, not " + Json.describe(node));
            return null;
        }
        var image = node.asText();
        if (image.isBlank()) {
            problem(field, "must not be empty");
            return null;
        }
        if (image.startsWith("-") || image.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x20)) {
            problem(field, "'" + image + "' is not an image reference such as eclipse-temurin:21 or ghcr.io/org/img");
            return null;
        }
        return image;
    }

    private boolean network(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            problem(field, "must be true or false, not " + Json.describe(node));
            return false;
        }
        return node.booleanValue();
    }

    private String memory(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return RunnerSpec.Docker.DEFAULT_MEMORY;
        }
        if (!node.isTextual() || !MEMORY.matcher(node.asText()).matches()) {
            problem(
                    field,
                    "must be a size such as \"512m\" or \"1g\" (a whole number with b, k, m or g), not "
                            + (node.isTextual() ? "'" + node.asText() + "'" : Json.describe(node)));
            return null;
        }
        return node.asText();
    }

    private String cpus(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return RunnerSpec.Docker.DEFAULT_CPUS;
        }
        var text = node.isNumber() || node.isTextual() ? node.asText() : null;
        if (text == null || !CPUS.matcher(text).matches()) {
            problem(field, "must be a number of CPUs such as 1 or 1.5, not " + describeValue(node));
            return null;
        }
        var cpus = new BigDecimal(text);
        if (cpus.signum() <= 0 || cpus.compareTo(BigDecimal.valueOf(RunnerSpec.Docker.MAX_CPUS)) > 0) {
            problem(field, "must be more than 0 and at most " + RunnerSpec.Docker.MAX_CPUS + ", not " + text);
            return null;
        }
        return cpus.stripTrailingZeros().toPlainString();
    }

    private int pids(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return RunnerSpec.Docker.DEFAULT_PIDS;
        }
        if (!node.isIntegralNumber()
                || !node.canConvertToInt()
                || node.intValue() < 1
                || node.intValue() > RunnerSpec.Docker.MAX_PIDS) {
            problem(
                    field,
                    "must be a whole number from 1 to " + RunnerSpec.Docker.MAX_PIDS + ", not " + describeValue(node));
            return RunnerSpec.Docker.DEFAULT_PIDS;
        }
        return node.intValue();
    }

    private void unknownFields(JsonNode node, String field, Set<String> known) {
        var names = node.fieldNames();
        while (names.hasNext()) {
            var name = names.next();
            if (!known.contains(name)) {
                problem(
                        field + "." + name,
                        "is not a field of " + field + " (its fields are "
                                + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String describeValue(JsonNode node) {
        return node.isNumber() ? node.asText() : node.isTextual() ? "'" + node.asText() + "'" : Json.describe(node);
    }

    private void problem(String field, String message) {
        failed = true;
        problems.accept(field, message);
    }
}
