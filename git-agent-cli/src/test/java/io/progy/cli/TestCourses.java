package io.progy.cli;

import io.progy.format.CoursePacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small real courses for tests: a directory with course.json and content, and its packed bytes. */
final class TestCourses {
    private TestCourses() {}

    /** Writes a two-exercise course into {@code dir} and returns it; {@code progy course check} finds it clean. */
    static Path write(Path dir, String name, String version) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("course.json"), """
                {"name": "%s", "version": "%s", "description": "Learn by doing", "keywords": ["java"],
                 "runner": {"command": ["sh", "runner/check.sh", "{{exercise}}"]}}
                """.formatted(name, version));
        Files.writeString(dir.resolve("README.md"), "# Course\n");
        var module = Files.createDirectories(dir.resolve("content/01_basics"));
        Files.writeString(module.resolve("info.toml"), """
                [module]
                title = "Basics"

                [[exercises]]
                name = "hello"
                dir = "01_hello"

                [[exercises]]
                name = "variables"
                dir = "02_variables"
                """);
        var hello = Files.createDirectories(module.resolve("01_hello"));
        Files.writeString(hello.resolve("README.md"), "# Hello\nPrint hello.\n");
        Files.writeString(hello.resolve("Hello.java"), "class Hello { public static void main(String[] a) {} }\n");
        Files.writeString(hello.resolve("quiz.json"), """
                [{"question": "Which method runs first?", "options": ["main", "run"], "answer": 0}]
                """);
        var variables = Files.createDirectories(module.resolve("02_variables"));
        Files.writeString(variables.resolve("README.md"), "# Variables\n");
        Files.writeString(variables.resolve("Variables.java"), "class Variables {}\n");
        Files.createDirectories(dir.resolve("runner"));
        Files.writeString(dir.resolve("runner/check.sh"), "#!/bin/sh\nexit 0\n");
        return dir;
    }

    /** The deterministic .progy bytes of a fresh course with that name and version. */
    static byte[] packed(Path work, String name, String version) throws IOException {
        var dir = write(work.resolve("src-" + name.replace('/', '_') + "-" + version), name, version);
        var archive = work.resolve(name.replace('/', '_') + "-" + version + ".progy");
        CoursePacker.pack(dir, archive);
        var bytes = Files.readAllBytes(archive);
        Files.delete(archive);
        return bytes;
    }
}
