package io.progy.cli.start;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Course Markdown as HTML for the browser UI (commonmark-java, GitHub tables): raw HTML in the Markdown is escaped and
 * unsafe URLs ({@code javascript:}) dropped, because a course is not trusted to run script in the page; fenced code is
 * highlighted by {@link Highlighter}; images of the course are served through {@code /api/asset}, links to the web
 * open in a new tab, and links to other files of the course are kept as plain text.
 */
final class Markdown {
    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    private Markdown() {}

    /**
     * Renders {@code markdown}.
     *
     * @param root the course root
     * @param file the Markdown file (relative links start from its directory), or {@code null} for text of no file
     */
    static String html(String markdown, Path root, Path file) {
        var base = file == null ? root : file.getParent();
        var renderer = HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .escapeHtml(true)
                .sanitizeUrls(true)
                .nodeRendererFactory(CodeRenderer::new)
                .attributeProviderFactory(context -> new CourseLinks(root, base))
                .build();
        return renderer.render(PARSER.parse(markdown));
    }

    /** Fenced and indented code, highlighted by the fence's language. */
    private static final class CodeRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        CodeRenderer(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(FencedCodeBlock.class, IndentedCodeBlock.class);
        }

        @Override
        public void render(Node node) {
            String code;
            var language = "";
            if (node instanceof FencedCodeBlock fenced) {
                code = fenced.getLiteral();
                var info = fenced.getInfo() == null ? "" : fenced.getInfo().strip();
                language = info.isEmpty() ? "" : info.split("\\s+")[0];
            } else {
                code = ((IndentedCodeBlock) node).getLiteral();
            }
            var html = context.getWriter();
            html.line();
            html.raw("<pre><code"
                    + (language.isEmpty() ? "" : " class=\"language-" + Highlighter.escape(language) + "\"") + ">"
                    + Highlighter.html(code, language) + "</code></pre>");
            html.line();
        }
    }

    /** Rewrites the URLs of images and links, see {@link Markdown}. */
    private record CourseLinks(Path root, Path base) implements AttributeProvider {
        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof Image && attributes.containsKey("src")) {
                var src = attributes.get("src");
                if (!isExternal(src)) {
                    var path = coursePath(src);
                    attributes.put("src", path == null ? "" : "/api/asset?path=" + encode(path));
                }
                attributes.put("loading", "lazy");
            } else if (node instanceof Link && attributes.containsKey("href")) {
                var href = attributes.get("href");
                if (href.startsWith("#")) {
                    return;
                }
                if (isExternal(href)) {
                    attributes.put("target", "_blank");
                    attributes.put("rel", "noopener noreferrer");
                } else {
                    attributes.remove("href");
                    var path = coursePath(href);
                    if (path != null) {
                        attributes.put("title", path);
                    }
                }
            }
        }

        private static boolean isExternal(String url) {
            return url.matches("(?i)^[a-z][a-z0-9+.-]*:.*") || url.startsWith("//");
        }

        /** The course-relative path a relative URL names, or {@code null} when it leaves the course. */
        private String coursePath(String url) {
            var clean = url.replaceAll("[?#].*$", "");
            try {
                clean = java.net.URLDecoder.decode(clean, StandardCharsets.UTF_8);
                var target =
                        (clean.startsWith("/") ? root.resolve(clean.substring(1)) : base.resolve(clean)).normalize();
                return target.startsWith(root) && !target.equals(root)
                        ? root.relativize(target).toString().replace('\\', '/')
                        : null;
            } catch (RuntimeException e) {
                return null;
            }
        }

        private static String encode(String path) {
            return URLEncoder.encode(path, StandardCharsets.UTF_8);
        }
    }
}
