package io.progy.cli.registry;

import io.progy.cli.CliException;
import io.progy.format.CourseName;
import io.progy.format.SemVer;

/**
 * A course named on the command line: {@code @scope/slug} optionally followed by {@code @range} (for init)
 * or {@code @version} (for yank). A missing leading {@code @} is forgiven.
 *
 * @param range the text after the second {@code @}, or null
 */
public record CourseRef(CourseName name, String range) {

    /** Parses {@code @scope/slug[@range]}; exit 2 with the reason when it is malformed. */
    public static CourseRef parse(String text) {
        var trimmed = text.trim();
        if (!trimmed.startsWith("@") && trimmed.contains("/")) {
            trimmed = "@" + trimmed;
        }
        int at = trimmed.indexOf('@', 1);
        var nameText = at < 0 ? trimmed : trimmed.substring(0, at);
        var range = at < 0 ? null : trimmed.substring(at + 1).trim();
        var problem = CourseName.problem(nameText);
        if (problem.isPresent()) {
            throw CliException.usage("invalid course name '" + text + "': " + problem.get());
        }
        if (range != null && range.isEmpty()) {
            throw CliException.usage("'" + text + "': nothing after '@' (expected a version or range)");
        }
        return new CourseRef(CourseName.parse(nameText), range);
    }

    /** Like {@link #parse}, but the range must be a valid SemVer range. */
    public static CourseRef parseWithRange(String text) {
        var ref = parse(text);
        if (ref.range() != null && !SemVer.isValidRange(ref.range())) {
            throw CliException.usage("invalid version range '" + ref.range() + "' in '" + text
                    + "' (examples: 1.2.3, ^1.2, ~1.2.3, >=1 <2, latest)");
        }
        return ref;
    }

    /** Like {@link #parse}, but an exact version is required. */
    public static CourseRef parseWithVersion(String text) {
        var ref = parse(text);
        if (ref.range() == null || !SemVer.isValid(ref.range())) {
            throw CliException.usage("expected @scope/slug@version with an exact version, got '" + text + "'");
        }
        return ref;
    }

    /** The range to resolve, "latest" when none was given. */
    public String rangeOrLatest() {
        return range == null ? "latest" : range;
    }

    @Override
    public String toString() {
        return range == null ? name.toString() : name + "@" + range;
    }
}
