package io.progy.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real C {@code git} binary, run with a clean configuration and no prompts. */
final class CGit {
    record Run(int exit, String output) {}

    private CGit() {}

    static Run run(Path dir, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("git", "-c", "user.name=C Git", "-c", "user.email=cgit@example.org"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("HOME", dir.toString());
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("git %s finished", args[0])
                .isTrue();
        return new Run(process.exitValue(), output);
    }

    /** Like {@link #run}, failing the test unless git exits 0. */
    static String ok(Path dir, String... args) throws IOException, InterruptedException {
        var run = run(dir, args);
        assertThat(run.exit())
                .as("git %s:%n%s", String.join(" ", args), run.output())
                .isZero();
        return run.output();
    }

    /** The repository URL with the git credentials in it (for C git in a test's own directory only). */
    static String withCredentials(GitAccess access) {
        var uri = URI.create(access.url());
        return uri.getScheme() + "://" + URLEncoder.encode(access.user(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(access.token(), StandardCharsets.UTF_8) + "@" + uri.getRawAuthority()
                + uri.getRawPath();
    }
}
