package io.progy.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the local link targets in a Markdown document: inline links and images ({@code [text](target)},
 * {@code ![alt](target "title")}, {@code [text](<target with spaces>)}), reference definitions
 * ({@code [id]: target}) and the {@code src}/{@code href} of HTML {@code img}, {@code a} and {@code source} tags.
 * Fenced code blocks and code spans are skipped. Targets with a scheme ({@code https:}, {@code mailto:} ...),
 * starting with {@code //} or {@code #} are not local and left out; a local target loses its {@code #fragment} and
 * {@code ?query} and is percent-decoded.
 */
final class MarkdownLinks {

    /** A local link target and the 1-based line it is on. */
    record Link(int line, String target) {}

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
    private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]]+]:[ \\t]*(<[^>]*>|\\S+)");
    private static final Pattern HTML =
            Pattern.compile("(?i)<(?:img|a|source)\\b[^>]*?\\s(?:src|href)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private MarkdownLinks() {}

    static List<Link> find(String markdown) {
        var links = new LinkedHashSet<Link>();
        String fence = null;
        var lines = markdown.split("\\R", -1);
        for (var n = 0; n < lines.length; n++) {
            var line = lines[n];
            var fenceMatch = FENCE.matcher(line);
            if (fenceMatch.find()) {
                var marker = fenceMatch.group(1);
                if (fence == null) {
                    fence = marker;
                } else if (marker.charAt(0) == fence.charAt(0) && marker.length() >= fence.length()) {
                    fence = null;
                }
                continue;
            }
            if (fence != null) {
                continue;
            }
            var text = blankCodeSpans(line);
            var lineNumber = n + 1;
            var reference = REFERENCE.matcher(text);
            if (reference.find()) {
                add(links, lineNumber, unbracket(reference.group(1)));
            }
            for (var at = text.indexOf("]("); at >= 0; at = text.indexOf("](", at + 2)) {
                add(links, lineNumber, destination(text, at + 2));
            }
            var html = HTML.matcher(text);
            while (html.find()) {
                add(links, lineNumber, html.group(1) != null ? html.group(1) : html.group(2));
            }
        }
        return List.copyOf(links);
    }

    private static String blankCodeSpans(String line) {
        var matcher = CODE_SPAN.matcher(line);
        var out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, " ".repeat(matcher.group().length()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The link destination starting at {@code from} (just after the opening parenthesis). */
    private static String destination(String text, int from) {
        var i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '<') {
            var end = text.indexOf('>', i + 1);
            return end < 0 ? "" : text.substring(i + 1, end);
        }
        var depth = 0;
        var start = i;
        while (i < text.length()) {
            var c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                break;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
            i++;
        }
        return text.substring(start, i);
    }

    private static String unbracket(String target) {
        return target.startsWith("<") && target.endsWith(">") ? target.substring(1, target.length() - 1) : target;
    }

    private static void add(LinkedHashSet<Link> links, int line, String target) {
        var local = local(target);
        if (local != null) {
            links.add(new Link(line, local));
        }
    }

    /** The file part of a local target, or {@code null} for an external, anchor-only or empty one. */
    static String local(String target) {
        var t = target.strip();
        if (t.isEmpty()
                || t.startsWith("#")
                || t.startsWith("//")
                || SCHEME.matcher(t).find()) {
            return null;
        }
        var cut = t.length();
        for (var marker : new char[] {'#', '?'}) {
            var at = t.indexOf(marker);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        t = t.substring(0, cut);
        return t.isEmpty() ? null : percentDecode(t);
    }

    /** Decodes {@code %XX} escapes as UTF-8; a malformed escape is kept as it is. Unlike form decoding, '+' stays. */
    private static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        var bytes = new ByteArrayOutputStream();
        var i = 0;
        while (i < text.length()) {
            var c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text, i + 1)) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                var end = i + Character.charCount(text.codePointAt(i));
                bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean hex(String text, int at) {
        return Character.digit(text.charAt(at), 16) >= 0 && Character.digit(text.charAt(at + 1), 16) >= 0;
    }
}
