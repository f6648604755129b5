package io.progy.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the real CLI main ({@link Progy#execute}) in-process with its own environment and captured streams
 * (also used by the end-to-end tests in {@code io.progy.cli.e2e}).
 */
public final class Cli {
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public final Map<String, String> env = new HashMap<>();

    public Cli(Path home, String server) {
        env.put("PROGY_HOME", home.toString());
        env.put("PROGY_SERVER", server);
    }

    /**
     * Signs up {@code username} (email {@code username@example.org}) through {@code progy signup}, which logs this
     * home in, and returns the API token it stored; fails the test when signup fails.
     */
    public String signup(String username, String password) {
        var result = runWithInput(
                password + "\n",
                "signup",
                "--username",
                username,
                "--email",
                username + "@example.org",
                "--password-stdin");
        if (result.exitCode() != 0) {
            throw new AssertionError("signup of " + username + " failed: " + result);
        }
        try {
            var credentials = Files.readString(Path.of(env.get("PROGY_HOME")).resolve("credentials.json"));
            return credentials.replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Result run(String... args) {
        return runWithInput("", args);
    }

    public Result runWithInput(String stdin, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code;
        try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Progy.execute(
                    args, env, outStream, errStream, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
