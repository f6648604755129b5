package io.progy.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.cli.VersionProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher, {@code bin/progy}, on the shaded jar that {@code package} built. */
class LauncherIT {
    @TempDir
    Path work;

    @Test
    void versionPrintsTheProjectVersionAndExitsZero() throws Exception {
        var root = Repository.root();
        Repository.builtCli();

        var stderr = work.resolve("stderr");
        var builder = new ProcessBuilder(root.resolve("bin/progy").toString(), "--version")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(stderr.toFile());
        builder.environment().put("PROGY_DAEMON", "off"); // DaemonIT covers the background process
        var process = builder.start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        var err = Files.readString(stderr);

        assertThat(process.exitValue()).as(err).isZero();
        assertThat(out).isEqualTo("progy " + expectedVersion() + "\n");
        assertThat(err).isEmpty();
    }

    /** The version Maven builds ({@code progy.expected-version}, set by the pom), else the CLI's own. */
    private static String expectedVersion() {
        var version = System.getProperty("progy.expected-version", VersionProvider.version());
        assertThat(version).isNotEqualTo("unknown").matches("\\d+\\.\\d+\\.\\d+.*");
        return version;
    }
}
