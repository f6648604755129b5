package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileGlobsTest {

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
        // "**" segments
        "content/**, content/a.md, true",
        "content/**, content/01/02/Main.java, true",
        "content/**, contentx/a.md, false",
        "content/**, other/content/a.md, false",
        "content/**/*, content/a.md, true",
        "content/**/*, content/01/a.md, true",
        "**/*.md, a.md, true",
        "**/*.md, x/y/a.md, true",
        "a/**/b.txt, a/b.txt, true",
        "a/**/b.txt, a/x/y/b.txt, true",
        "a/**/b.txt, a/x/y/c.txt, false",
        "**, anything/at/all.txt, true",
        // "*" and "?" stay inside one segment
        "content/*, content/a.md, true",
        "content/*, content/01/a.md, true", // matches the directory content/01, so everything inside it
        "content/*.md, content/01/a.md, false",
        "content/?.md, content/a.md, true",
        "content/?.md, content/ab.md, false",
        "*.md, README.md, true",
        "*.md, content/01/README.md, true", // no '/': any depth
        "*.md, content/01/README.txt, false",
        "README.md, docs/README.md, true",
        // anchoring
        "/README.md, README.md, true",
        "/README.md, docs/README.md, false",
        "docs/README.md, docs/README.md, true",
        "docs/README.md, x/docs/README.md, false",
        // directories
        "content, content/01/a.md, true",
        "runner/, runner/run.sh, true",
        "README.md/, README.md, false", // trailing '/' matches directories only
        "01, content/01/a.md, true",
        // other characters are literal
        "[a].md, [a].md, true",
        "[a].md, a.md, false",
        "{a;b}.md, {a;b}.md, true",
        "a+b.md, a+b.md, true",
    })
    void matchesLikeGitignore(String pattern, String path, boolean expected) {
        assertThat(FileGlobs.compile(List.of(pattern)).includes(path)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "content/**;!content/**/solution.*|content/01/Main.java|true",
                "content/**;!content/**/solution.*|content/01/solution.java|false",
                "content/**;!content/**/solution.*;content/01/solution.java|content/01/solution.java|true",
                "!*.md|README.md|false",
                "content;!content/secret|content/secret/key.txt|false",
            })
    void theLastMatchingPatternWins(String patterns, String path, boolean expected) {
        assertThat(FileGlobs.compile(List.of(patterns.split(";"))).includes(path))
                .isEqualTo(expected);
    }
}
