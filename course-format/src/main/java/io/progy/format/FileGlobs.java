package io.progy.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code files} globs of a manifest, with gitignore-like semantics (documented on {@link CoursePacker}).
 * Patterns are applied in order and the last one matching a path decides, so {@code !pattern} can take back part of
 * an earlier pattern.
 */
final class FileGlobs {

    private record Rule(Pattern regex, boolean negated, boolean directoryOnly) {}

    private final List<Rule> rules;

    private FileGlobs(List<Rule> rules) {
        this.rules = rules;
    }

    /**
     * Says why {@code pattern} is not an acceptable glob.
     *
     * @return the reason, or empty if acceptable
     */
    static Optional<String> problem(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return Optional.of("must not be empty");
        }
        var body = pattern.startsWith("!") ? pattern.substring(1) : pattern;
        if (body.contains("\\")) {
            return Optional.of("'" + pattern + "' must use '/' as the separator, not '\\'");
        }
        body = body.startsWith("/") ? body.substring(1) : body;
        body = body.endsWith("/") ? body.substring(0, body.length() - 1) : body;
        if (body.isEmpty()) {
            return Optional.of("'" + pattern + "' matches nothing");
        }
        for (var segment : body.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("'" + pattern
                        + "' must be a path relative to the course root, without empty, '.' or '..' segments");
            }
        }
        return Optional.empty();
    }

    static FileGlobs compile(List<String> patterns) {
        var rules = new ArrayList<Rule>();
        for (var pattern : patterns) {
            problem(pattern).ifPresent(p -> {
                throw new IllegalArgumentException("invalid glob: " + p);
            });
            var negated = pattern.startsWith("!");
            var body = negated ? pattern.substring(1) : pattern;
            var directoryOnly = body.endsWith("/");
            if (directoryOnly) {
                body = body.substring(0, body.length() - 1);
            }
            var anchored = body.startsWith("/") || body.contains("/");
            if (body.startsWith("/")) {
                body = body.substring(1);
            }
            var regex = (anchored ? "" : "(?:.*/)?") + translate(body);
            rules.add(new Rule(Pattern.compile(regex), negated, directoryOnly));
        }
        return new FileGlobs(List.copyOf(rules));
    }

    /**
     * Whether the file at {@code path} (relative, '/'-separated) is included: the last rule that matches the path
     * itself or one of its parent directories decides; with no matching rule, the file is excluded.
     */
    boolean includes(String path) {
        var included = false;
        for (var rule : rules) {
            if (matches(rule, path)) {
                included = !rule.negated();
            }
        }
        return included;
    }

    private static boolean matches(Rule rule, String path) {
        if (!rule.directoryOnly() && rule.regex().matcher(path).matches()) {
            return true;
        }
        for (var slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (rule.regex().matcher(path.substring(0, slash)).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String translate(String body) {
        var segments = body.split("/", -1);
        var regex = new StringBuilder();
        for (var i = 0; i < segments.length; i++) {
            var last = i == segments.length - 1;
            if (segments[i].equals("**")) {
                // "**/" matches zero or more directories; a trailing "/**" everything inside.
                regex.append(last ? ".*" : "(?:.*/)?");
                continue;
            }
            regex.append(translateSegment(segments[i]));
            if (!last) {
                regex.append('/');
            }
        }
        return regex.toString();
    }

    private static String translateSegment(String segment) {
        var regex = new StringBuilder();
        var literal = new StringBuilder();
        for (var i = 0; i < segment.length(); i++) {
            var c = segment.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? "[^/]*" : "[^/]");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }
}
