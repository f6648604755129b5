package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CourseManifestTest {

    private static final String FULL = """
            {
              "$schema": "https://progy.dev/schema/course.json",
              "name": "@diego/rust-mastery",
              "version": "1.0.0-rc.1+build.7",
              "description": "The ultimate guide to Rust programming.",
              "keywords": ["rust", "systems"],
              "author": {"name": "Diego", "email": "diego@example.com", "url": "https://diego.dev"},
              "license": "MIT",
              "private": true,
              "repository": {"type": "git", "url": "https://github.com/diego/rust-mastery.git"},
              "engines": {"progy": ">=0.15.0", "node": ">=18"},
              "files": ["content/**/*", "runner/**/*", "README.md", "!content/**/solution.rs"],
              "runner": {"command": ["cargo", "test"]},
              "runners": [{"id": "docker", "type": "docker-file", "command": "cargo test"}],
              "content": {"root": "content"}
            }
            """;

    @Test
    void parsesEveryField() {
        var manifest = parse(FULL);

        assertThat(manifest.name()).isEqualTo("@diego/rust-mastery");
        assertThat(manifest.courseName()).isEqualTo(new CourseName("diego", "rust-mastery"));
        assertThat(manifest.version()).isEqualTo("1.0.0-rc.1+build.7");
        assertThat(manifest.description()).isEqualTo("The ultimate guide to Rust programming.");
        assertThat(manifest.keywords()).containsExactly("rust", "systems");
        assertThat(manifest.author()).isEqualTo("Diego <diego@example.com> (https://diego.dev)");
        assertThat(manifest.license()).isEqualTo("MIT");
        assertThat(manifest.privateCourse()).isTrue();
        assertThat(manifest.repository()).isEqualTo("https://github.com/diego/rust-mastery.git");
        assertThat(manifest.enginesProgy()).isEqualTo(">=0.15.0");
        assertThat(manifest.files())
                .containsExactly("content/**/*", "runner/**/*", "README.md", "!content/**/solution.rs");
        assertThat(manifest.raw().path("runner").path("command").get(0).asText())
                .isEqualTo("cargo");
        assertThat(manifest.raw().path("content").path("root").asText()).isEqualTo("content");
    }

    @Test
    void optionalFieldsDefaultToEmpty() {
        var manifest = parse("{\"name\": \"@a/b\", \"version\": \"0.1.0\", \"description\": \"d\"}");

        assertThat(manifest.keywords()).isEmpty();
        assertThat(manifest.files()).isEmpty();
        assertThat(manifest.author()).isNull();
        assertThat(manifest.license()).isNull();
        assertThat(manifest.repository()).isNull();
        assertThat(manifest.enginesProgy()).isNull();
        assertThat(manifest.privateCourse()).isFalse();
    }

    @Test
    void acceptsStringFormsAndNulls() {
        var manifest = parse("""
                {"name": "@a/b", "version": "0.1.0", "description": "d", "author": "Ana <ana@example.com>",
                 "repository": "https://example.com/a/b.git", "license": null, "keywords": null, "engines": {}}
                """);

        assertThat(manifest.author()).isEqualTo("Ana <ana@example.com>");
        assertThat(manifest.repository()).isEqualTo("https://example.com/a/b.git");
        assertThat(manifest.license()).isNull();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        var problems = problems("""
                {
                  "name": "Rust Mastery",
                  "version": "v1.0",
                  "description": "%s",
                  "keywords": ["ok", 7, ""],
                  "author": {"email": "x@example.com"},
                  "license": 3,
                  "private": "no",
                  "repository": {"type": "git"},
                  "engines": {"progy": "soon"},
                  "files": ["content/**", "../secrets", 5]
                }
                """.formatted("d".repeat(501)));

        assertThat(problems)
                .extracting(ManifestProblem::field)
                .containsExactly(
                        "name",
                        "version",
                        "description",
                        "keywords[1]",
                        "keywords[2]",
                        "author.name",
                        "license",
                        "private",
                        "repository.url",
                        "engines.progy",
                        "files[1]",
                        "files[2]");
        assertThat(problems.get(0).message()).contains("must have the form @scope/slug");
        assertThat(problems.get(1).message()).contains("'v1.0' is not a SemVer 2.0 version");
        assertThat(problems.get(2).message()).contains("501 characters long, more than 500");
        assertThat(problems.get(3).message()).isEqualTo("must be a string, not a number");
        assertThat(problems.get(4).message()).isEqualTo("must not be empty");
        assertThat(problems.get(7).message()).isEqualTo("must be true or false, not a string");
        assertThat(problems.get(9).message()).contains("'soon' is not a valid version range");
        assertThat(problems.get(10).message()).contains("without empty, '.' or '..' segments");
    }

    @Test
    void theMessageListsOneProblemPerLine() {
        var error = catchThrowableOfType(
                () -> CourseManifest.parse("{\"name\": 1, \"version\": \"1.0.0\"}".getBytes(StandardCharsets.UTF_8)),
                InvalidManifestException.class);

        assertThat(error.getMessage()).isEqualTo("name: must be a string, not a number\ndescription: is required");
    }

    @Test
    void requiredFieldsAreRequired() {
        assertThat(problems("{}"))
                .containsExactly(
                        new ManifestProblem("name", "is required"),
                        new ManifestProblem("version", "is required"),
                        new ManifestProblem("description", "is required"));
        assertThat(problems("{\"name\": null, \"version\": \"1.0.0\", \"description\": \"  \"}"))
                .containsExactly(
                        new ManifestProblem("name", "is required"),
                        new ManifestProblem("description", "must not be empty"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "name|42|name|must be a string, not a number",
                "name|[\"@a/b\"]|name|must be a string, not an array",
                "version|1.0|version|must be a string, not a number",
                "description|{}|description|must be a string, not an object",
                "keywords|\"java\"|keywords|must be an array of strings, not a string",
                "keywords|[true]|keywords[0]|must be a string, not a boolean",
                "author|7|author|must be a string or an object with a name, not a number",
                "author|{\"name\": 1}|author.name|must be a string, not a number",
                "license|false|license|must be a string, not a boolean",
                "private|1|private|must be true or false, not a number",
                "private|\"true\"|private|must be true or false, not a string",
                "repository|[]|repository|must be a string or an object with a url, not an array",
                "engines|\">=1\"|engines|must be an object such as {\"progy\": \">=0.1.0\"}, not a string",
                "engines|{\"progy\": 1}|engines.progy|must be a string, not a number",
                "files|\"content/**\"|files|must be an array of strings, not a string",
                "files|[null]|files[0]|must be a string, not null",
            })
    void reportsWrongTypesPerField(String key, String json, String field, String message) {
        var base = new StringBuilder("{\"name\": \"@a/b\", \"version\": \"1.0.0\", \"description\": \"d\"");
        var document = base.toString().replaceFirst("\"" + key + "\": (\"[^\"]*\")", "\"" + key + "\": " + json);
        if (document.equals(base.toString())) {
            document = base + ", \"" + key + "\": " + json;
        }

        assertThat(problems(document + "}")).containsExactly(new ManifestProblem(field, message));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'{\n  \"name\": \"@a/b\",\n  \"version\": }'|line 3, column 14",
                "'{\"name\": \"@a/b\"'|line 1, column 16",
                "'{\"name\": \"@a/b\", \"name\": \"@a/c\"}'|Duplicate field 'name'",
                "'{} {}'|line 1, column 4",
                "'{\"name\": /* comment */ \"@a/b\"}'|line 1, column",
            })
    void reportsUnparseableJsonAsOneDocumentProblemWithTheLocation(String json, String location) {
        assertThat(problems(json)).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("(document)");
            assertThat(problem.message()).startsWith("not valid JSON").contains(location);
        });
    }

    @Test
    void theDocumentMustBeAnObject() {
        assertThat(problems("[1, 2]"))
                .containsExactly(new ManifestProblem("(document)", "must be a JSON object, not an array"));
        assertThat(problems("")).containsExactly(new ManifestProblem("(document)", "is empty; expected a JSON object"));
        assertThat(problems("\"@a/b\""))
                .containsExactly(new ManifestProblem("(document)", "must be a JSON object, not a string"));
    }

    @Test
    void descriptionOfExactly500CharactersIsFine() {
        var manifest =
                parse("{\"name\": \"@a/b\", \"version\": \"1.0.0\", \"description\": \"" + "d".repeat(500) + "\"}");

        assertThat(manifest.description()).hasSize(500);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|must not be empty",
                "../x|'..' segments",
                "content/../../x|'..' segments",
                "./content|'.' ",
                "/|matches nothing",
                "content\\\\**|must use '/' as the separator",
                "content//x|empty",
                "!|matches nothing",
            })
    void reportsBadGlobs(String glob, String message) {
        var json = "{\"name\": \"@a/b\", \"version\": \"1.0.0\", \"description\": \"d\", \"files\": [\"content/**\", \""
                + glob + "\"]}";

        assertThat(problems(json)).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("files[1]");
            assertThat(problem.message()).contains(message);
        });
    }

    @Test
    void readsAFile(@TempDir Path dir) throws IOException {
        var file = Files.writeString(dir.resolve("course.json"), TestZip.VALID_MANIFEST);

        assertThat(CourseManifest.read(file).name()).isEqualTo("@alice/java-intro");
    }

    @Test
    void aMissingFileIsADocumentProblem(@TempDir Path dir) {
        var error = catchThrowableOfType(
                () -> CourseManifest.read(dir.resolve("course.json")), InvalidManifestException.class);

        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("(document)");
            assertThat(problem.message()).startsWith("file not found");
        });
    }

    private static CourseManifest parse(String json) {
        return CourseManifest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<ManifestProblem> problems(String json) {
        var error = catchThrowableOfType(() -> parse(json), InvalidManifestException.class);
        assertThat(error).as("expected an invalid manifest: " + json).isNotNull();
        return error.problems();
    }
}
