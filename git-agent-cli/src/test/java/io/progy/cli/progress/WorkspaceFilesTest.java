package io.progy.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.progy.cli.CliException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** progy.toml and the .gitignore rules that decide which files are the course's own. */
class WorkspaceFilesTest {
    @TempDir
    Path dir;

    @Test
    void progyTomlRoundTripsAndEscapes() throws Exception {
        var settings = new ProgyToml("@a/b", "1.2.3", "f".repeat(64), "http://h:1", "http://h:1/git/a/\"odd\\.git");
        settings.write(dir);
        assertThat(ProgyToml.read(dir)).isEqualTo(settings);
        assertThat(ProgyToml.read(dir).withRepoUrl("http://h:1/git/a/b.git").repoUrl())
                .isEqualTo("http://h:1/git/a/b.git");
        assertThat(ProgyToml.findRoot(dir.resolve("content/m/01_a"))).hasValue(dir);
        assertThatThrownBy(() -> ProgyToml.parse("course = \"@a/b\"\n", "x/progy.toml"))
                .isInstanceOf(CliException.class)
                .hasMessage("x/progy.toml lacks course, version or sha256");
    }

    @Test
    void ignoreRulesNameTheCoursesOwnFiles() throws Exception {
        var rules = IgnoreRules.parse("""
                /README.md
                content/**/README.md
                content/**/info.toml
                content/**/quiz.json
                /runner/
                /.progy/
                """);
        assertThat(rules.ignores("README.md")).isTrue();
        assertThat(rules.ignores("content/01_basics/01_hello/README.md")).isTrue();
        assertThat(rules.ignores("content/01_basics/info.toml")).isTrue();
        assertThat(rules.ignores("runner/check.sh")).isTrue();
        assertThat(rules.ignores("runner/lib/deep.sh")).isTrue();
        assertThat(rules.ignores("content/01_basics/01_hello/Exercise.java")).isFalse();
        assertThat(rules.ignores("content/runner/check.sh")).isFalse();
        assertThat(rules.ignores("course.json")).isFalse();
    }
}
