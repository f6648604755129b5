package io.progy.cli.start;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Syntax highlighting on the server, small on purpose: comments, strings, numbers and the keywords of the languages
 * courses use most, as {@code <span class="tok-…">} around HTML-escaped text. Unknown languages are only escaped.
 * The output is always safe to put inside {@code <pre><code>}: every character of the source is escaped.
 */
final class Highlighter {

    private record Syntax(Set<String> keywords, String lineComment, boolean blockComments, boolean hashComments) {}

    private static final Set<String> C_LIKE = Set.of(
            "abstract",
            "async",
            "await",
            "break",
            "case",
            "catch",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "else",
            "enum",
            "export",
            "extends",
            "false",
            "final",
            "finally",
            "fn",
            "for",
            "func",
            "function",
            "go",
            "if",
            "impl",
            "implements",
            "import",
            "interface",
            "let",
            "match",
            "mod",
            "mut",
            "new",
            "null",
            "package",
            "private",
            "protected",
            "pub",
            "public",
            "record",
            "return",
            "self",
            "static",
            "struct",
            "super",
            "switch",
            "this",
            "throw",
            "throws",
            "trait",
            "true",
            "try",
            "type",
            "use",
            "var",
            "void",
            "while",
            "yield",
            "int",
            "long",
            "double",
            "float",
            "boolean",
            "char",
            "string",
            "String",
            "nil",
            "undefined",
            "defer",
            "range",
            "chan",
            "map",
            "where",
            "loop",
            "in",
            "of",
            "typeof",
            "instanceof",
            "u8",
            "u32",
            "u64",
            "i32",
            "i64",
            "usize",
            "f64",
            "bool",
            "println");
    private static final Set<String> PYTHON = Set.of(
            "and",
            "as",
            "assert",
            "async",
            "await",
            "break",
            "class",
            "continue",
            "def",
            "del",
            "elif",
            "else",
            "except",
            "False",
            "finally",
            "for",
            "from",
            "global",
            "if",
            "import",
            "in",
            "is",
            "lambda",
            "None",
            "nonlocal",
            "not",
            "or",
            "pass",
            "raise",
            "return",
            "True",
            "try",
            "while",
            "with",
            "yield",
            "print");
    private static final Set<String> SHELL = Set.of(
            "if",
            "then",
            "else",
            "elif",
            "fi",
            "for",
            "while",
            "do",
            "done",
            "case",
            "esac",
            "in",
            "function",
            "return",
            "exit",
            "echo",
            "export",
            "local",
            "set",
            "cd");
    private static final Set<String> SQL = Set.of(
            "select",
            "from",
            "where",
            "and",
            "or",
            "not",
            "insert",
            "into",
            "values",
            "update",
            "set",
            "delete",
            "create",
            "table",
            "drop",
            "alter",
            "join",
            "inner",
            "left",
            "right",
            "outer",
            "on",
            "group",
            "by",
            "order",
            "having",
            "limit",
            "as",
            "distinct",
            "null",
            "primary",
            "key",
            "foreign",
            "references",
            "count",
            "sum",
            "avg",
            "min",
            "max",
            "in",
            "is",
            "like",
            "between",
            "union",
            "all",
            "asc",
            "desc");

    private static final Syntax C = new Syntax(C_LIKE, "//", true, false);
    private static final Map<String, Syntax> LANGUAGES = Map.ofEntries(
            Map.entry("java", C),
            Map.entry("js", C),
            Map.entry("javascript", C),
            Map.entry("ts", C),
            Map.entry("typescript", C),
            Map.entry("jsx", C),
            Map.entry("tsx", C),
            Map.entry("rs", C),
            Map.entry("rust", C),
            Map.entry("go", C),
            Map.entry("c", C),
            Map.entry("h", C),
            Map.entry("cpp", C),
            Map.entry("cc", C),
            Map.entry("cs", C),
            Map.entry("kt", C),
            Map.entry("kotlin", C),
            Map.entry("swift", C),
            Map.entry("scala", C),
            Map.entry("dart", C),
            Map.entry("json", C),
            Map.entry("py", new Syntax(PYTHON, null, false, true)),
            Map.entry("python", new Syntax(PYTHON, null, false, true)),
            Map.entry("rb", new Syntax(PYTHON, null, false, true)),
            Map.entry("sh", new Syntax(SHELL, null, false, true)),
            Map.entry("bash", new Syntax(SHELL, null, false, true)),
            Map.entry("shell", new Syntax(SHELL, null, false, true)),
            Map.entry("toml", new Syntax(Set.of("true", "false"), null, false, true)),
            Map.entry("yaml", new Syntax(Set.of("true", "false", "null"), null, false, true)),
            Map.entry("yml", new Syntax(Set.of("true", "false", "null"), null, false, true)),
            Map.entry("sql", new Syntax(SQL, "--", true, false)));

    private Highlighter() {}

    /** {@code code} as HTML, highlighted when {@code language} (a fence info word or a file extension) is known. */
    static String html(String code, String language) {
        var syntax = LANGUAGES.get(language == null ? "" : language.toLowerCase(Locale.ROOT));
        if (syntax == null) {
            return escape(code);
        }
        var out = new StringBuilder(code.length() + code.length() / 4);
        var i = 0;
        var caseInsensitive = syntax.keywords() == SQL;
        while (i < code.length()) {
            var c = code.charAt(i);
            var end = -1;
            String kind = null;
            if ((syntax.lineComment() != null && code.startsWith(syntax.lineComment(), i))
                    || (syntax.hashComments() && c == '#')) {
                end = lineEnd(code, i);
                kind = "c";
            } else if (syntax.blockComments() && code.startsWith("/*", i)) {
                var close = code.indexOf("*/", i + 2);
                end = close < 0 ? code.length() : close + 2;
                kind = "c";
            } else if (c == '"' || c == '\'' || c == '`') {
                end = stringEnd(code, i, c);
                kind = "s";
            } else if (Character.isDigit(c) && (i == 0 || !Character.isLetterOrDigit(code.charAt(i - 1)))) {
                end = i;
                while (end < code.length()
                        && (Character.isLetterOrDigit(code.charAt(end))
                                || code.charAt(end) == '.'
                                || code.charAt(end) == '_')) {
                    end++;
                }
                kind = "n";
            } else if (Character.isLetter(c) || c == '_') {
                end = i;
                while (end < code.length()
                        && (Character.isLetterOrDigit(code.charAt(end)) || code.charAt(end) == '_')) {
                    end++;
                }
                var word = code.substring(i, end);
                if (syntax.keywords().contains(caseInsensitive ? word.toLowerCase(Locale.ROOT) : word)) {
                    kind = "k";
                }
            }
            if (end < 0) {
                escape(out, c);
                i++;
                continue;
            }
            var text = code.substring(i, end);
            if (kind == null) {
                out.append(escape(text));
            } else {
                out.append("<span class=\"tok-")
                        .append(kind)
                        .append("\">")
                        .append(escape(text))
                        .append("</span>");
            }
            i = end;
        }
        return out.toString();
    }

    private static int lineEnd(String code, int from) {
        var newline = code.indexOf('\n', from);
        return newline < 0 ? code.length() : newline;
    }

    private static int stringEnd(String code, int from, char quote) {
        var i = from + 1;
        while (i < code.length()) {
            var c = code.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n' && quote != '`') {
                return i; // an unclosed string ends with its line
            } else {
                i++;
            }
        }
        return code.length();
    }

    /** Escapes {@code <}, {@code >}, {@code &}, {@code "} and {@code '}. */
    static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (var i = 0; i < text.length(); i++) {
            escape(out, text.charAt(i));
        }
        return out.toString();
    }

    private static void escape(StringBuilder out, char c) {
        switch (c) {
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case '&' -> out.append("&amp;");
            case '"' -> out.append("&quot;");
            case '\'' -> out.append("&#39;");
            default -> out.append(c);
        }
    }
}
