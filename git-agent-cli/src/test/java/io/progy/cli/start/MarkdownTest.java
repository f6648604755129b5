package io.progy.cli.start;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the page shows of a course's Markdown and code: highlighted, and never script from the course. */
class MarkdownTest {
    private static final Path ROOT = Path.of("/course");
    private static final Path README = ROOT.resolve("content/01_m/01_e/README.md");

    @Test
    void rawHtmlAndScriptUrlsFromTheCourseAreNeverLive() {
        var html = Markdown.html("""
                # Title <script>alert(1)</script>

                <img src=x onerror="alert(2)">

                [click](javascript:alert(3)) ![pic](javascript:alert(4))
                """, ROOT, README);

        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("<img src=x")
                .doesNotContain("javascript:")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void courseImagesGoThroughTheAssetRouteAndOtherLinksOpenOutside() {
        var html = Markdown.html("""
                ![diagram](img/flow.png) ![escape](../../../../etc/passwd.png) ![web](https://example.com/a.png)
                [docs](https://example.com/docs) [next](../02_e/README.md) [part](#part)
                """, ROOT, README);

        assertThat(html)
                .contains("src=\"/api/asset?path=content%2F01_m%2F01_e%2Fimg%2Fflow.png\"")
                .contains("alt=\"escape\"")
                .contains("src=\"https://example.com/a.png\"")
                .containsPattern("<a rel=\"noopener noreferrer\" href=\"https://example.com/docs\" target=\"_blank\">")
                .containsPattern("<a [^>]*title=\"content/01_m/02_e/README.md\">next</a>")
                .contains("href=\"#part\"");
        assertThat(html).doesNotContain("etc/passwd");
    }

    @Test
    void fencedCodeIsHighlightedAndEscaped() {
        var html = Markdown.html("```java\nString s = \"<b>\"; // done\nint n = 42;\n```\n", ROOT, README);

        assertThat(html)
                .contains("<pre><code class=\"language-java\">")
                .contains("<span class=\"tok-k\">String</span>")
                .contains("<span class=\"tok-s\">&quot;&lt;b&gt;&quot;</span>")
                .contains("<span class=\"tok-c\">// done</span>")
                .contains("<span class=\"tok-n\">42</span>");
        assertThat(Highlighter.html("x = '<i>' # c", "py"))
                .isEqualTo("x = <span class=\"tok-s\">&#39;&lt;i&gt;&#39;</span> <span class=\"tok-c\"># c</span>");
        assertThat(Highlighter.html("<script>", "unknown")).isEqualTo("&lt;script&gt;");
        assertThat(Highlighter.html("SELECT * FROM t -- all", "sql"))
                .isEqualTo("<span class=\"tok-k\">SELECT</span> * <span class=\"tok-k\">FROM</span> t"
                        + " <span class=\"tok-c\">-- all</span>");
    }

    @Test
    void editorsAreToldTheLineTheirOwnWayAndTerminalEditorsAreSkipped() {
        assertThat(Editors.lineArguments("code", "/c/a.py", 7)).containsExactly("-g", "/c/a.py:7");
        assertThat(Editors.lineArguments("idea", "/c/a.py", 7)).containsExactly("--line", "7", "/c/a.py");
        assertThat(Editors.lineArguments("vim", "/c/a.py", 7)).containsExactly("+7", "/c/a.py");
        assertThat(Editors.lineArguments("subl", "/c/a.py", null)).containsExactly("/c/a.py");
        assertThat(Editors.editorCommand(Map.of("VISUAL", "code -w", "EDITOR", "vim")))
                .contains(List.of("code", "-w"));
        assertThat(Editors.editorCommand(Map.of("EDITOR", "nano", "PATH", "/nonexistent")))
                .isEmpty();
        assertThat(Editors.editorCommand(Map.of("EDITOR", "gedit", "PATH", "/nonexistent")))
                .contains(List.of("gedit"));
    }
}
