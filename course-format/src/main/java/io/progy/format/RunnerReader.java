package io.progy.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads and validates the {@code runner} object of {@code course.json} and the entries of Progy's {@code runners}
 * array (rules on {@link RunnerSpec}), reporting each problem with its field path, such as
 * {@code runner.timeout_seconds} or {@code runners[1].cwd}.
 */
final class RunnerReader {

    static final String FIELD = "runner";
    static final String RUNNERS = "runners";

    private static final Set<String> PROGY_FIELDS = Set.of(
            "id",
            "name",
            "type",
            "command",
            "args",
            "cwd",
            "dockerfile",
            "image_tag",
            "network_access",
            "compose_file",
            "service_to_run",
            "timeout_seconds");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

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

    /**
     * Every runner of a manifest, in order: the {@code runner} object first (id {@value RunnerSpec#DEFAULT_ID}), then
     * the {@code runners} entries.
     *
     * @param root the whole manifest
     * @param courseName the course name, for the image tag a {@code docker-file} runner gets when it names none
     * @param problems receives {@code (field, message)} for every problem found
     * @return the valid runners; the invalid ones are left out
     */
    static List<RunnerSpec> readAll(JsonNode root, String courseName, BiConsumer<String, String> problems) {
        var runners = new ArrayList<RunnerSpec>();
        var own = read(root.get(FIELD), problems);
        if (own != null) {
            runners.add(own);
        }
        var node = root.get(RUNNERS);
        if (node == null || node.isNull()) {
            return runners;
        }
        if (!node.isArray()) {
            problems.accept(
                    RUNNERS,
                    "must be an array of runners such as [{\"id\": \"local\", \"command\":"
                            + " \"python3 runner/check.py\", \"args\": [\"{{exercise}}\"], \"cwd\": \".\"}], not "
                            + Json.describe(node));
            return runners;
        }
        var ids = new java.util.HashMap<String, String>();
        if (root.get(FIELD) != null && !root.get(FIELD).isNull()) {
            ids.put(RunnerSpec.DEFAULT_ID, FIELD);
        }
        for (var i = 0; i < node.size(); i++) {
            var field = RUNNERS + "[" + i + "]";
            var runner = new RunnerReader(problems).progyRunner(node.get(i), field, courseName);
            if (runner == null) {
                continue;
            }
            var previous = ids.putIfAbsent(runner.id(), field);
            if (previous != null) {
                problems.accept(field + ".id", "'" + runner.id() + "' is already the id of " + previous);
                continue;
            }
            runners.add(runner);
        }
        return runners;
    }

    private RunnerSpec progyRunner(JsonNode node, String field, String courseName) {
        if (!node.isObject()) {
            problem(field, "must be an object with id, command, args and cwd, not " + Json.describe(node));
            return null;
        }
        unknownFields(node, field, PROGY_FIELDS);
        var id = id(node.get("id"), field + ".id");
        var name = optionalText(node.get("name"), field + ".name");
        var type = type(node.get("type"), field + ".type");
        var command = new ArrayList<>(commandString(node.get("command"), field + ".command", type));
        command.addAll(args(node.get("args"), field + ".args"));
        var cwd = relativePath(node.get("cwd"), field + ".cwd", ".");
        var timeout = timeout(node.get("timeout_seconds"), field + ".timeout_seconds");
        onlyFor(node, field, type, RunnerSpec.Type.DOCKER_FILE, "dockerfile", "image_tag");
        onlyFor(node, field, type, RunnerSpec.Type.DOCKER_COMPOSE, "compose_file", "service_to_run");
        var network = network(node.get("network_access"), field + ".network_access");
        if (network && type != RunnerSpec.Type.DOCKER_FILE) {
            problem(field + ".network_access", "only a docker-file runner can be given or denied the network");
        }
        RunnerSpec.Docker docker = null;
        String dockerfile = null;
        RunnerSpec.Compose compose = null;
        if (type == RunnerSpec.Type.DOCKER_FILE) {
            dockerfile = relativePath(node.get("dockerfile"), field + ".dockerfile", "Dockerfile");
            var tag = node.get("image_tag") == null || node.get("image_tag").isNull()
                    ? defaultTag(courseName, id)
                    : image(node.get("image_tag"), field + ".image_tag");
            docker = tag == null
                    ? null
                    : new RunnerSpec.Docker(
                            tag,
                            network,
                            RunnerSpec.Docker.DEFAULT_MEMORY,
                            RunnerSpec.Docker.DEFAULT_CPUS,
                            RunnerSpec.Docker.DEFAULT_PIDS);
        } else if (type == RunnerSpec.Type.DOCKER_COMPOSE) {
            var file = relativePath(node.get("compose_file"), field + ".compose_file", "docker-compose.yml");
            var service = optionalText(node.get("service_to_run"), field + ".service_to_run");
            if (service != null && !ID.matcher(service).matches()) {
                problem(field + ".service_to_run", "'" + service + "' is not the name of a Compose service");
            }
            compose = file == null ? null : new RunnerSpec.Compose(file, service == null ? "app" : service);
        }
        if (failed || id == null || type == null || cwd == null) {
            return null;
        }
        return new RunnerSpec(id, name, type, command, cwd, timeout, docker, dockerfile, compose);
    }

    private String id(JsonNode node, String field) {
        var id = optionalText(node, field);
        if (id == null) {
            problem(field, "is required: a short name such as \"local\" or \"docker\" (progy test --runner ID)");
            return null;
        }
        if (!ID.matcher(id).matches()) {
            problem(
                    field,
                    "'" + id + "' must be letters, digits, '.', '_' or '-' (at most 64), starting with a letter"
                            + " or digit");
            return null;
        }
        return id;
    }

    private RunnerSpec.Type type(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return RunnerSpec.Type.PROCESS;
        }
        if (node.isTextual()) {
            for (var type : RunnerSpec.Type.values()) {
                if (type != RunnerSpec.Type.DOCKER_IMAGE && type.json().equals(node.asText())) {
                    return type;
                }
            }
        }
        problem(
                field,
                "must be process, docker-file or docker-compose, not "
                        + (node.isTextual() ? "'" + node.asText() + "'" : Json.describe(node)));
        return null;
    }

    /** Progy's {@code command}: one string, split into words here (never by a shell). */
    private List<String> commandString(JsonNode node, String field, RunnerSpec.Type type) {
        if (node == null || node.isNull()) {
            problem(field, "is required: the program and its arguments, such as \"python3 runner/check.py\"");
            return List.of();
        }
        List<String> words;
        if (node.isArray()) {
            words = new ArrayList<>();
            for (var i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual()) {
                    problem(field + "[" + i + "]", "must be a string, not " + Json.describe(node.get(i)));
                    return List.of();
                }
                words.add(node.get(i).asText());
            }
            if (words.isEmpty()) {
                problem(field, "must not be empty: it needs at least the program to run");
                return List.of();
            }
        } else if (node.isTextual()) {
            try {
                words = CommandWords.split(node.asText());
            } catch (IllegalArgumentException e) {
                problem(field, e.getMessage());
                return List.of();
            }
        } else {
            problem(field, "must be a string such as \"python3 runner/check.py\", not " + Json.describe(node));
            return List.of();
        }
        for (var word : words) {
            placeholders(field, word);
        }
        program(field, words.get(0), type != RunnerSpec.Type.PROCESS);
        return words;
    }

    private List<String> args(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problem(field, "must be an array of strings, one per argument, not " + Json.describe(node));
            return List.of();
        }
        var args = new ArrayList<String>();
        for (var i = 0; i < node.size(); i++) {
            var element = field + "[" + i + "]";
            if (!node.get(i).isTextual()) {
                problem(element, "must be a string, not " + Json.describe(node.get(i)));
                continue;
            }
            placeholders(element, node.get(i).asText());
            args.add(node.get(i).asText());
        }
        return args;
    }

    /**
     * The program must stay inside the course: no {@code ..}, and a local process's program given as a path must be
     * relative (a bare name is looked up on the {@code PATH}). In a container the path is the container's own.
     */
    private void program(String field, String program, boolean inContainer) {
        if (program.isBlank()) {
            problem(field, "must not start with an empty program");
        } else if (RunnerSpec.hasParentSegment(program)) {
            problem(field, "'" + program + "' must not contain '..': the program must stay inside the course");
        } else if (!inContainer && (program.startsWith("/") || program.startsWith("~") || program.contains("\\"))) {
            problem(
                    field,
                    "'" + program + "' must be a path inside the course (such as ./runner/check) or a program"
                            + " on the PATH (such as python3), not an absolute path");
        }
    }

    /** A path inside the course: relative, {@code /}-separated, without {@code ..}; {@code "."} for the root. */
    private String relativePath(JsonNode node, String field, String fallback) {
        return coursePath(node, field, fallback, this::problem);
    }

    /**
     * Reads a path inside the course: relative to its root, {@code /}-separated, without {@code ..}, normalized
     * ({@code "."} for the root).
     *
     * @return the path, {@code fallback} when absent, or {@code null} after reporting a problem
     */
    static String coursePath(JsonNode node, String field, String fallback, BiConsumer<String, String> problems) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            problems.accept(
                    field,
                    "must be a path relative to the course root, not "
                            + (node.isTextual() ? "an empty string" : Json.describe(node)));
            return null;
        }
        var path = node.asText();
        if (path.startsWith("/")
                || path.startsWith("~")
                || path.contains("\\")
                || path.contains(":")
                || RunnerSpec.hasParentSegment(path)
                || path.contains("{{")) {
            problems.accept(
                    field, "'" + path + "' must be a path inside the course, relative to its root, without '..'");
            return null;
        }
        var normalized = java.nio.file.Path.of(path).normalize().toString();
        return normalized.isEmpty() ? "." : normalized;
    }

    private void onlyFor(JsonNode node, String field, RunnerSpec.Type type, RunnerSpec.Type owner, String... keys) {
        if (type == null || type == owner) {
            return;
        }
        for (var key : keys) {
            if (node.has(key)) {
                problem(field + "." + key, "is only used by " + owner.json() + " runners, not " + type.json());
            }
        }
    }

    private String optionalText(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problem(field, "must be a string, not " + Json.describe(node));
            return null;
        }
        return node.asText().isBlank() ? null : node.asText().strip();
    }

    /** {@code progy-<course slug>-<runner id>:latest}, in the characters an image name allows. */
    static String defaultTag(String courseName, String id) {
        var course = CourseName.suggestSlug(courseName == null ? "course" : courseName);
        var runner =
                id == null ? "runner" : id.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-");
        return "progy-" + course + "-" + runner + ":latest";
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
        var timeout = timeout(node.get("timeout_seconds"), FIELD + ".timeout_seconds");
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

    private int timeout(JsonNode node, String field) {
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
