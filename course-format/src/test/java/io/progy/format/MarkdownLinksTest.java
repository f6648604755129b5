package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkdownLinksTest {

    @Test
    void findsInlineLinksImagesReferencesAndHtmlWithTheirLines() {
        var markdown = """
                # Title
                A [link](a.md) and an ![image](img/b.png "Title") on one line.
                [angle](<c d.md>) [nested [brackets]](e.md) [![badge](f.svg)](g.md)
                [ref]: h.md "Title"
                <img alt="x" src="i.png"> <a href='j.md'>j</a> <source srcset="no.png">
                [parens](k_(1).md)
                """;

        assertThat(MarkdownLinks.find(markdown))
                .containsExactly(
                        new MarkdownLinks.Link(2, "a.md"),
                        new MarkdownLinks.Link(2, "img/b.png"),
                        new MarkdownLinks.Link(3, "c d.md"),
                        new MarkdownLinks.Link(3, "e.md"),
                        new MarkdownLinks.Link(3, "f.svg"),
                        new MarkdownLinks.Link(3, "g.md"),
                        new MarkdownLinks.Link(4, "h.md"),
                        new MarkdownLinks.Link(5, "i.png"),
                        new MarkdownLinks.Link(5, "j.md"),
                        new MarkdownLinks.Link(6, "k_(1).md"));
    }

    @Test
    void skipsFencedCodeAndCodeSpans() {
        var markdown = """
                ```java
                int[] a = b[0](1);
                [no](fenced.md)
                ```
                ~~~~
                [no](tilde.md)
                ```
                [still no](inner.md)
                ~~~~
                Use `[no](span.md)` or ``[no](double.md)`` but [yes](yes.md).
                """;

        assertThat(targets(markdown)).containsExactly("yes.md");
    }

    @ParameterizedTest
    @CsvSource({
        "https://example.com/a.md",
        "http://example.com",
        "mailto:a@example.com",
        "ftp://x/y",
        "//cdn.example.com/x.png",
        "#anchor",
        "?query",
        "''"
    })
    void leavesOutTargetsThatAreNotLocalFiles(String target) {
        assertThat(targets("[x](" + target + ")")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "a.md#part, a.md",
        "a.md?raw=1, a.md",
        "my%20file.md, my file.md",
        "caf%C3%A9.md, café.md",
        "a+b.md, a+b.md",
        "100%.md, 100%.md",
        "/README.md, /README.md",
        "../up.md, ../up.md"
    })
    void keepsTheFilePartDecoded(String target, String file) {
        assertThat(targets("[x](" + target + ")")).containsExactly(file);
    }

    private static List<String> targets(String markdown) {
        return MarkdownLinks.find(markdown).stream()
                .map(MarkdownLinks.Link::target)
                .toList();
    }
}
