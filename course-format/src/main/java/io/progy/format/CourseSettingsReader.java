package io.progy.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads and validates the parts of Progy's course format beside the runners: {@code content}, {@code progression},
 * {@code setup} and {@code branding}, reporting each problem with its field path.
 */
final class CourseSettingsReader {

    private final BiConsumer<String, String> problems;

    private CourseSettingsReader(BiConsumer<String, String> problems) {
        this.problems = problems;
    }

    /** Validates every part, reporting problems. */
    static void validate(JsonNode root, BiConsumer<String, String> problems) {
        var reader = new CourseSettingsReader(problems);
        reader.content(root.get("content"));
        reader.progression(root.get("progression"));
        reader.setup(root.get("setup"));
        reader.branding(root.get("branding"));
    }

    static Progression progressionOf(JsonNode root) {
        return new CourseSettingsReader((field, message) -> {}).progression(root.get("progression"));
    }

    static CourseSetup setupOf(JsonNode root) {
        return new CourseSettingsReader((field, message) -> {}).setup(root.get("setup"));
    }

    static Branding brandingOf(JsonNode root) {
        return new CourseSettingsReader((field, message) -> {}).branding(root.get("branding"));
    }

    private void content(JsonNode node) {
        if (!isObject(node, "content", "{\"root\": \".\", \"exercises\": \"content\"}")) {
            return;
        }
        unknown(node, "content", Set.of("root", "exercises"));
        RunnerReader.coursePath(node.get("root"), "content.root", ".", problems);
        var exercises = RunnerReader.coursePath(node.get("exercises"), "content.exercises", "content", problems);
        if (exercises != null && !exercises.equals(CourseLayout.CONTENT)) {
            problems.accept(
                    "content.exercises",
                    "progy keeps a course's modules in content/: move '" + exercises + "' to content/ and set"
                            + " \"exercises\": \"content\"");
        }
    }

    private Progression progression(JsonNode node) {
        if (!isObject(node, "progression", "{\"mode\": \"sequential\"}")) {
            return Progression.OPEN;
        }
        unknown(node, "progression", Set.of("mode", "strict_module_order"));
        var mode = Progression.Mode.OPEN;
        var modeNode = node.get("mode");
        if (modeNode != null && !modeNode.isNull()) {
            if (modeNode.isTextual() && modeNode.asText().equals("sequential")) {
                mode = Progression.Mode.SEQUENTIAL;
            } else if (!(modeNode.isTextual() && modeNode.asText().equals("open"))) {
                problems.accept(
                        "progression.mode",
                        "must be open or sequential, not "
                                + (modeNode.isTextual() ? "'" + modeNode.asText() + "'" : Json.describe(modeNode)));
            }
        }
        var strict = node.get("strict_module_order");
        if (strict != null && !strict.isNull() && !strict.isBoolean()) {
            problems.accept("progression.strict_module_order", "must be true or false, not " + Json.describe(strict));
        }
        return new Progression(mode, strict != null && strict.asBoolean(false));
    }

    private CourseSetup setup(JsonNode node) {
        if (!isObject(node, "setup", "{\"checks\": [...], \"guide\": \"SETUP.md\"}")) {
            return null;
        }
        unknown(node, "setup", Set.of("checks", "guide"));
        var guide = RunnerReader.coursePath(node.get("guide"), "setup.guide", null, problems);
        var checks = new ArrayList<CourseSetup.Check>();
        var list = node.get("checks");
        if (list != null && !list.isNull() && !list.isArray()) {
            problems.accept("setup.checks", "must be an array of checks, not " + Json.describe(list));
        } else if (list != null) {
            for (var i = 0; i < list.size(); i++) {
                var check = check(list.get(i), "setup.checks[" + i + "]");
                if (check != null) {
                    checks.add(check);
                }
            }
        }
        return new CourseSetup(checks, guide);
    }

    private CourseSetup.Check check(JsonNode node, String field) {
        if (!node.isObject()) {
            problems.accept(field, "must be an object with name, type and command, not " + Json.describe(node));
            return null;
        }
        // status and message are the prototype's runtime state, sometimes saved into course.json: ignored
        unknown(node, field, Set.of("name", "type", "command", "solution", "status", "message"));
        var name = text(node.get("name"), field + ".name", true);
        var type = node.get("type");
        if (type != null
                && !type.isNull()
                && !(type.isTextual() && type.asText().equals("command"))) {
            problems.accept(
                    field + ".type",
                    "must be command (the only kind of setup check), not "
                            + (type.isTextual() ? "'" + type.asText() + "'" : Json.describe(type)));
            return null;
        }
        var commandText = text(node.get("command"), field + ".command", true);
        var solution = text(node.get("solution"), field + ".solution", false);
        if (name == null || commandText == null) {
            return null;
        }
        try {
            var command = CommandWords.split(commandText);
            if (RunnerSpec.hasParentSegment(command.get(0))) {
                problems.accept(field + ".command", "'" + command.get(0) + "' must not contain '..'");
                return null;
            }
            return new CourseSetup.Check(name, command, solution);
        } catch (IllegalArgumentException e) {
            problems.accept(field + ".command", e.getMessage());
            return null;
        }
    }

    private Branding branding(JsonNode node) {
        if (!isObject(node, "branding", "{\"coverImage\": \"assets/cover.png\"}")) {
            return Branding.NONE;
        }
        return new Branding(RunnerReader.coursePath(node.get("coverImage"), "branding.coverImage", null, problems));
    }

    private boolean isObject(JsonNode node, String field, String example) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            problems.accept(field, "must be an object such as " + example + ", not " + Json.describe(node));
            return false;
        }
        return true;
    }

    private String text(JsonNode node, String field, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                problems.accept(field, "is required");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            problems.accept(
                    field, "must be a non-empty string" + (node.isTextual() ? "" : ", not " + Json.describe(node)));
            return null;
        }
        return node.asText();
    }

    private void unknown(JsonNode node, String field, Set<String> known) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.accept(
                        field + "." + name,
                        "is not a field of " + field + " (its fields are "
                                + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        });
    }
}
