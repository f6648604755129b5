package io.progy.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Parses {@code course.json} and collects every problem; see {@link CourseManifest} for the rules. */
final class ManifestValidator {

    private final List<ManifestProblem> problems = new ArrayList<>();
    /** Whether name, version and description may be missing or invalid (a course used locally, not published). */
    private final boolean local;

    private ManifestValidator(boolean local) {
        this.local = local;
    }

    static CourseManifest parse(byte[] json) {
        return parse(json, false);
    }

    /**
     * Parses a manifest; with {@code local}, the fields only publishing needs ({@code name} as {@code @scope/slug},
     * {@code version}, {@code description}) may be missing or invalid: {@link #publishProblems(JsonNode)} lists them.
     */
    static CourseManifest parse(byte[] json, boolean local) {
        JsonNode root;
        try {
            root = Json.STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidManifestException(ManifestProblem.DOCUMENT, Json.syntaxProblem("JSON", e));
        } catch (IOException e) {
            throw new InvalidManifestException(ManifestProblem.DOCUMENT, "cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidManifestException(ManifestProblem.DOCUMENT, "is empty; expected a JSON object");
        }
        if (!root.isObject()) {
            throw new InvalidManifestException(
                    ManifestProblem.DOCUMENT, "must be a JSON object, not " + Json.describe(root));
        }
        return new ManifestValidator(local).validate(root);
    }

    /**
     * What a manifest read with {@code local} still needs before it can be published, each saying what to write:
     * {@code name: 'Rust Test' is not @scope/slug ...; before publishing set "name": "@your-user/rust-test"}.
     */
    static List<ManifestProblem> publishProblems(JsonNode root) {
        var problems = new ArrayList<ManifestProblem>();
        var name = root.get("name");
        if (name == null || name.isNull() || (name.isTextual() && name.asText().isBlank())) {
            problems.add(new ManifestProblem(
                    "name",
                    "is missing; before publishing add \"name\": \"@<your-user>/<slug>\", such as"
                            + " \"@ada/my-course\""));
        } else if (name.isTextual()) {
            var text = name.asText();
            CourseName.problem(text)
                    .ifPresent(problem -> problems.add(new ManifestProblem(
                            "name",
                            "'" + text + "' is not @scope/slug (" + problem
                                    + "); before publishing set \"name\": \"@<your-user>/"
                                    + CourseName.suggestSlug(
                                            text.contains("/") ? text.substring(text.indexOf('/') + 1) : text)
                                    + "\"" + (text.startsWith("@") ? "" : " and keep the title in \"description\""))));
        }
        var version = root.get("version");
        if (version == null || version.isNull()) {
            problems.add(new ManifestProblem("version", "is missing; before publishing add \"version\": \"1.0.0\""));
        } else if (version.isTextual() && !SemVer.isValid(version.asText())) {
            var text = version.asText();
            var stripped = text.startsWith("v") || text.startsWith("V") ? text.substring(1) : text;
            problems.add(new ManifestProblem(
                    "version",
                    "'" + text + "' is not a SemVer 2.0 version; before publishing set \"version\": \""
                            + (SemVer.isValid(stripped) ? stripped : "1.0.0") + "\""));
        }
        var description = root.get("description");
        if (description == null
                || description.isNull()
                || (description.isTextual() && description.asText().isBlank())) {
            problems.add(new ManifestProblem(
                    "description",
                    "is missing; before publishing add \"description\": \"<one paragraph: what the student"
                            + " learns>\""));
        } else if (description.isTextual() && description.asText().length() > CourseManifest.MAX_DESCRIPTION_LENGTH) {
            problems.add(new ManifestProblem(
                    "description",
                    "is " + description.asText().length() + " characters long; before publishing shorten it to at most "
                            + CourseManifest.MAX_DESCRIPTION_LENGTH));
        }
        return problems;
    }

    /** {@link #publishProblems(JsonNode)} of a file, or none when it is not a JSON object. */
    static List<ManifestProblem> publishProblems(java.nio.file.Path file) {
        try {
            var root = Json.STRICT.readTree(java.nio.file.Files.readAllBytes(file));
            return root != null && root.isObject() ? publishProblems(root) : List.of();
        } catch (IOException e) {
            return List.of(); // the parse error itself is reported
        }
    }

    private CourseManifest validate(JsonNode root) {
        String name;
        String version;
        String description;
        if (local) {
            // Left to publishProblems(): only their types must be right for the course to be used.
            name = localString(root, "name");
            version = localString(root, "version");
            description = localString(root, "description");
            if (name == null || name.isBlank()) {
                name = root.path("id").isTextual() ? root.get("id").asText() : "course";
            }
            if (version == null || !SemVer.isValid(version)) {
                version = "0.0.0";
            }
        } else {
            name = requiredString(root, "name");
            if (name != null) {
                CourseName.problem(name).ifPresent(p -> problem("name", p));
            }
            version = requiredString(root, "version");
            if (version != null && !SemVer.isValid(version)) {
                problem("version", "'" + version + "' is not a SemVer 2.0 version such as 1.0.0 or 2.1.0-beta.1");
            }
            description = requiredString(root, "description");
            if (description != null && description.length() > CourseManifest.MAX_DESCRIPTION_LENGTH) {
                problem(
                        "description",
                        "is " + description.length() + " characters long, more than "
                                + CourseManifest.MAX_DESCRIPTION_LENGTH);
            }
        }
        var keywords = stringArray(root, "keywords", keyword -> Optional.empty());
        var author = person(root.get("author"));
        var license = optionalString(root, "license", "license");
        var privateCourse = optionalBoolean(root, "private");
        var repository = repository(root.get("repository"));
        var enginesProgy = enginesProgy(root.get("engines"));
        var files = stringArray(root, "files", FileGlobs::problem);
        RunnerReader.readAll(root, name, this::problem);
        CourseSettingsReader.validate(root, this::problem);
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(problems);
        }
        return new CourseManifest(
                name,
                version,
                description,
                keywords,
                author,
                license,
                privateCourse,
                repository,
                enginesProgy,
                files,
                root);
    }

    private String requiredString(JsonNode root, String field) {
        var node = root.get(field);
        if (node == null || node.isNull()) {
            problem(field, "is required");
            return null;
        }
        return string(node, field);
    }

    /** A string field that may be missing or blank (then {@code null}), but not of another type. */
    private String localString(JsonNode root, String field) {
        var node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problem(field, "must be a string, not " + Json.describe(node));
            return null;
        }
        return node.asText().isBlank() ? null : node.asText();
    }

    private String optionalString(JsonNode parent, String key, String field) {
        var node = parent.get(key);
        return node == null || node.isNull() ? null : string(node, field);
    }

    /** The node's text if it is a non-blank string; otherwise records a problem and returns {@code null}. */
    private String string(JsonNode node, String field) {
        if (!node.isTextual()) {
            problem(field, "must be a string, not " + Json.describe(node));
            return null;
        }
        if (node.asText().isBlank()) {
            problem(field, "must not be empty");
            return null;
        }
        return node.asText();
    }

    private boolean optionalBoolean(JsonNode root, String field) {
        var node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            problem(field, "must be true or false, not " + Json.describe(node));
            return false;
        }
        return node.booleanValue();
    }

    /** An optional array of non-blank strings, each also checked by {@code rule}. */
    private List<String> stringArray(JsonNode root, String field, Function<String, Optional<String>> rule) {
        var node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problem(field, "must be an array of strings, not " + Json.describe(node));
            return List.of();
        }
        var values = new ArrayList<String>();
        for (var i = 0; i < node.size(); i++) {
            var element = field + "[" + i + "]";
            var value = string(node.get(i), element);
            var problem = value == null ? Optional.<String>empty() : rule.apply(value);
            if (problem.isPresent()) {
                problem(element, problem.get());
            } else if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /** {@code author}: a string, or npm's object form {@code {name, email, url}} rendered as one string. */
    private String person(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return string(node, "author");
        }
        if (!node.isObject()) {
            problem("author", "must be a string or an object with a name, not " + Json.describe(node));
            return null;
        }
        var name = node.get("name") == null || node.get("name").isNull()
                ? missing("author.name")
                : string(node.get("name"), "author.name");
        var email = optionalString(node, "email", "author.email");
        var url = optionalString(node, "url", "author.url");
        if (name == null) {
            return null;
        }
        return name + (email == null ? "" : " <" + email + ">") + (url == null ? "" : " (" + url + ")");
    }

    /** {@code repository}: a URL string, or npm's object form {@code {type, url}}. */
    private String repository(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return string(node, "repository");
        }
        if (!node.isObject()) {
            problem("repository", "must be a string or an object with a url, not " + Json.describe(node));
            return null;
        }
        optionalString(node, "type", "repository.type");
        return node.get("url") == null || node.get("url").isNull()
                ? missing("repository.url")
                : string(node.get("url"), "repository.url");
    }

    private String enginesProgy(JsonNode engines) {
        if (engines == null || engines.isNull()) {
            return null;
        }
        if (!engines.isObject()) {
            problem("engines", "must be an object such as {\"progy\": \">=0.1.0\"}, not " + Json.describe(engines));
            return null;
        }
        var range = optionalString(engines, "progy", "engines.progy");
        if (range != null && !SemVer.isValidRange(range)) {
            problem("engines.progy", "'" + range + "' is not a valid version range such as >=0.1.0 or ^1.2");
            return null;
        }
        return range;
    }

    private String missing(String field) {
        problem(field, "is required");
        return null;
    }

    private void problem(String field, String message) {
        problems.add(new ManifestProblem(field, message));
    }
}
