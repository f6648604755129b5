package io.progy.cli.auth;

import io.progy.cli.CliException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The token scopes the server knows, and the parsing of {@code --scope} and {@code --expires}. */
final class TokenScopes {
    static final List<String> ALL = List.of("read", "publish", "progress", "git");

    private TokenScopes() {}

    /** The scopes named (each once, in the server's order); all of them when none is named. */
    static List<String> parse(List<String> named, String option) {
        if (named == null || named.isEmpty()) {
            return ALL;
        }
        var wanted = new ArrayList<String>();
        for (var scope : named) {
            var trimmed = scope.trim().toLowerCase(Locale.ROOT);
            if (!ALL.contains(trimmed)) {
                throw CliException.usage(
                        option + ": unknown scope '" + scope.trim() + "' (use " + String.join(", ", ALL) + ")");
            }
            wanted.add(trimmed);
        }
        return ALL.stream().filter(wanted::contains).toList();
    }

    /** {@code 30d}, {@code 12w}, {@code 1y} or a number of days, as days (1 to 365). */
    static int days(String text) {
        var value = text.trim().toLowerCase(Locale.ROOT);
        int unit = 1;
        if (value.endsWith("d")) {
            value = value.substring(0, value.length() - 1);
        } else if (value.endsWith("w")) {
            unit = 7;
            value = value.substring(0, value.length() - 1);
        } else if (value.endsWith("y")) {
            unit = 365;
            value = value.substring(0, value.length() - 1);
        }
        try {
            long days = Long.parseLong(value.trim()) * unit;
            if (days < 1 || days > 365) {
                throw CliException.usage("--expires: must be between 1 day and 1 year, got '" + text + "'");
            }
            return (int) days;
        } catch (NumberFormatException e) {
            throw CliException.usage("--expires: expected a lifetime such as 30d, 12w or 1y, got '" + text + "'");
        }
    }
}
