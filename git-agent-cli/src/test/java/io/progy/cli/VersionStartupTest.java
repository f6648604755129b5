package io.progy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code progy --version} must start fast: it may not load Jackson, JGit, the HTTP client or the progress bar
 * (checked in a fresh JVM that logs every class it loads).
 */
class VersionStartupTest {
    @Test
    void versionLoadsNothingHeavy() throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(
                        java,
                        "-Xshare:auto",
                        "-Xlog:class+load=info",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Progy.class.getName(),
                        "--version")
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(output).contains("progy ");
        for (var heavy : List.of(
                "com.fasterxml.jackson.",
                "org.eclipse.jgit.",
                "java.net.http.",
                "jdk.internal.net.http.",
                "me.tongfei.",
                "org.apache.commons.compress.",
                "io.progy.format.")) {
            assertThat(output).as("classes loaded by --version").doesNotContain(" " + heavy);
        }
    }
}
