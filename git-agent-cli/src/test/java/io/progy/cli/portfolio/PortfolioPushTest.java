package io.progy.cli.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.progy.cli.Cli;
import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code progy portfolio} refuses before touching the network. */
class PortfolioPushTest {
    @TempDir
    Path tmp;

    @Test
    void theTokenIsNeverSentOverPlainHttpToAnotherMachine() {
        assertThatThrownBy(() -> PortfolioPush.push(
                        tmp, URI.create("http://github.example.org/ada/progy-intro.git"), "x-access-token", "t", false))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("not HTTPS")
                .hasMessageContaining("refusing to send your GitHub token");
    }

    @Test
    void outsideAWorkspaceItIsAUsageError() {
        var cli = new Cli(tmp.resolve("home"), "http://127.0.0.1:9");
        var result = cli.run("portfolio", "--github", "--dir", tmp.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("no workspace here").contains("progy init");

        var withoutGitHub = cli.run("portfolio", "--dir", tmp.toString());
        assertThat(withoutGitHub.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(withoutGitHub.err()).contains("--github");
    }
}
