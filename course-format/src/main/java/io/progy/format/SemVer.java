package io.progy.format;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;
import org.semver4j.Semver;

/**
 * SemVer 2.0 versions and npm-style ranges, on top of semver4j.
 *
 * <p>Versions are strict: {@code MAJOR.MINOR.PATCH[-prerelease][+build]} with no leading {@code v}, no leading zeros
 * and no surrounding spaces.
 *
 * <p>Ranges follow npm's grammar: comparators {@code <, <=, >, >=, =} with a full or partial version,
 * {@code ~1.2.3}, {@code ^1.2}, x-ranges ({@code 1.x}, {@code 1.2.*}, {@code *}), hyphen ranges
 * ({@code 1.2 - 1.4}), comparators separated by spaces (all must match) and alternatives separated by {@code ||}.
 * {@code latest} (and an empty range) means the newest release. A range such as {@code 1.2.3} or {@code =1.2.3}
 * that names one exact version is an <em>exact</em> range. This class checks the syntax itself, because semver4j
 * silently accepts some malformed input.
 *
 * <p>Prereleases follow the semver (npm) rule: a prerelease such as {@code 2.0.0-beta.1} satisfies a range only if
 * some comparator of the range names a prerelease of the same {@code MAJOR.MINOR.PATCH}, e.g.
 * {@code >=2.0.0-beta <3}.
 */
public final class SemVer {

    private static final String NUMBER = "0|[1-9]\\d*";
    private static final String PRE_ID = "0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*";
    private static final String PRERELEASE = "(?:" + PRE_ID + ")(?:\\.(?:" + PRE_ID + "))*";
    private static final String BUILD = "[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*";
    private static final Pattern STRICT = Pattern.compile("(?:" + NUMBER + ")\\.(?:" + NUMBER + ")\\.(?:" + NUMBER
            + ")(?:-" + PRERELEASE + ")?(?:\\+" + BUILD + ")?");
    private static final String X_PART = "[xX*]|" + NUMBER;
    private static final Pattern PARTIAL = Pattern.compile("(" + X_PART + ")(?:\\.(" + X_PART + ")(?:\\.(" + X_PART
            + ")(-" + PRERELEASE + ")?(?:\\+" + BUILD + ")?)?)?");
    private static final Pattern OPERATOR = Pattern.compile("<=|>=|<|>|=|~|\\^");
    private static final Pattern COMPARATOR = Pattern.compile("(<=|>=|<|>|=|~|\\^)?(.+)");
    private static final String LATEST = "latest";
    /** Longest version or range accepted (npm's limit too): bounds the work done on untrusted input. */
    public static final int MAX_LENGTH = 256;

    /**
     * Orders version strings by SemVer precedence (prereleases before their release); versions that differ only in
     * build metadata are ordered by their text so the order is total. Comparing a string that is not a valid
     * version throws {@link IllegalArgumentException}.
     */
    public static final Comparator<String> ORDER = SemVer::compare;

    private SemVer() {}

    /**
     * Whether {@code version} is a strict SemVer 2.0 version of at most {@value #MAX_LENGTH} characters, e.g.
     * {@code 1.2.3} or {@code 2.0.0-rc.1+build.5}.
     */
    public static boolean isValid(String version) {
        return version != null
                && version.length() <= MAX_LENGTH
                && STRICT.matcher(version).matches()
                && Semver.parse(version) != null;
    }

    /**
     * Whether {@code range} is a valid range (see the class comment), at most {@value #MAX_LENGTH} characters. A
     * blank range is valid and means {@code latest}; {@code null} is not valid.
     */
    public static boolean isValidRange(String range) {
        return range != null && normalize(range).isPresent();
    }

    /**
     * Whether {@code version} satisfies {@code range}, following the prerelease rule in the class comment. A blank
     * range or {@code latest} is satisfied by every release (non-prerelease).
     *
     * @throws IllegalArgumentException if the version or the range is invalid
     */
    public static boolean satisfies(String version, String range) {
        var parsed = parse(version);
        if (isLatest(range)) {
            return parsed.getPreRelease().isEmpty();
        }
        return ranges(range).isSatisfiedBy(parsed);
    }

    /**
     * Selects the version to use for {@code range}.
     *
     * <ul>
     *   <li>{@code null}, blank or {@code latest}: the highest non-yanked release; a prerelease only if there is no
     *       non-yanked release at all.
     *   <li>an exact range ({@code 1.2.3}, {@code =1.2.3}): that version if present, even when yanked (yanking
     *       keeps existing installs working).
     *   <li>any other range: the highest non-yanked version that satisfies it.
     * </ul>
     *
     * Strings in {@code versions} that are not valid versions are ignored.
     *
     * @param versions the published versions
     * @param range the requested range
     * @param yanked the yanked versions (may be {@code null} or empty)
     * @return the selected version, or empty if none matches
     * @throws IllegalArgumentException if the range is invalid
     */
    public static Optional<String> select(Collection<String> versions, String range, Set<String> yanked) {
        var candidates = versions.stream().filter(SemVer::isValid).toList();
        var notYanked = candidates.stream()
                .filter(v -> yanked == null || !yanked.contains(v))
                .toList();
        if (isLatest(range)) {
            var release = notYanked.stream()
                    .filter(v -> parse(v).getPreRelease().isEmpty())
                    .max(ORDER);
            return release.isPresent() ? release : notYanked.stream().max(ORDER);
        }
        var exact = exactVersion(range);
        if (exact.isPresent()) {
            var wanted = parse(exact.get());
            var sameText = candidates.stream().filter(exact.get()::equals).findFirst();
            return sameText.isPresent()
                    ? sameText
                    : candidates.stream()
                            .filter(v -> parse(v).compareTo(wanted) == 0)
                            .max(ORDER);
        }
        var ranges = ranges(range);
        return notYanked.stream().filter(v -> ranges.isSatisfiedBy(parse(v))).max(ORDER);
    }

    /**
     * The version an exact range names: {@code 1.2.3} or {@code =1.2.3} gives {@code 1.2.3}.
     *
     * @return the version, or empty when the range is not exact
     */
    public static Optional<String> exactVersion(String range) {
        if (range == null) {
            return Optional.empty();
        }
        var trimmed = range.strip();
        if (trimmed.startsWith("=")) {
            trimmed = trimmed.substring(1).strip();
        }
        return isValid(trimmed) ? Optional.of(trimmed) : Optional.empty();
    }

    private static boolean isLatest(String range) {
        return range == null || range.isBlank() || range.strip().equals(LATEST);
    }

    private static int compare(String a, String b) {
        var byPrecedence = parse(a).compareTo(parse(b));
        return byPrecedence != 0 ? byPrecedence : a.compareTo(b);
    }

    private static Semver parse(String version) {
        if (!isValid(version)) {
            throw new IllegalArgumentException("invalid version '" + version + "': expected SemVer such as 1.2.3");
        }
        return Semver.parse(version);
    }

    private static RangesList ranges(String range) {
        var normalized = normalize(range)
                .orElseThrow(() -> new IllegalArgumentException(
                        "invalid version range '" + range + "': expected e.g. ^1.2, ~1.2.3, >=1 <2, 1.2.3 or latest"));
        return RangesListFactory.create(normalized, false);
    }

    /**
     * Checks the range syntax and rewrites it into a form semver4j reads correctly: operators joined to their
     * version, bare wildcards ({@code x}, {@code *}) folded into {@code *}.
     */
    private static Optional<String> normalize(String range) {
        if (range.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        var trimmed = range.strip();
        if (trimmed.isEmpty() || trimmed.equals(LATEST)) {
            return Optional.of("*");
        }
        var alternatives = new ArrayList<String>();
        for (var alternative : trimmed.split("\\|\\|", -1)) {
            var normalized = normalizeAlternative(alternative.strip());
            if (normalized.isEmpty()) {
                return Optional.empty();
            }
            alternatives.add(normalized.get());
        }
        return Optional.of(String.join(" || ", alternatives));
    }

    private static Optional<String> normalizeAlternative(String alternative) {
        if (alternative.isEmpty()) {
            return Optional.empty();
        }
        var tokens = List.of(alternative.split("\\s+"));
        if (tokens.size() == 3 && tokens.get(1).equals("-")) {
            return isPartial(tokens.get(0)) && isPartial(tokens.get(2))
                    ? Optional.of(tokens.get(0) + " - " + tokens.get(2))
                    : Optional.empty();
        }
        var comparators = new ArrayList<String>();
        for (var i = 0; i < tokens.size(); i++) {
            var token = tokens.get(i);
            if (OPERATOR.matcher(token).matches()) {
                if (i + 1 >= tokens.size()) {
                    return Optional.empty();
                }
                token = token + tokens.get(++i);
            }
            var comparator = COMPARATOR.matcher(token);
            if (!comparator.matches()) {
                return Optional.empty();
            }
            var operator = comparator.group(1) == null ? "" : comparator.group(1);
            var partial = PARTIAL.matcher(comparator.group(2));
            if (!partial.matches() || !wildcardsTrail(partial.group(1), partial.group(2), partial.group(3))) {
                return Optional.empty();
            }
            var prerelease = partial.group(4) != null;
            var wildcard = isWildcard(partial.group(1));
            if (prerelease && (isWildcard(partial.group(2)) || isWildcard(partial.group(3)))) {
                return Optional.empty();
            }
            if (wildcard) {
                // "*", "x", "x.x": any version; with an ordering operator npm's meaning is surprising, so refuse it.
                if (!operator.isEmpty() && !operator.equals("=")) {
                    return Optional.empty();
                }
                continue;
            }
            comparators.add(operator + comparator.group(2));
        }
        return Optional.of(comparators.isEmpty() ? "*" : String.join(" ", comparators));
    }

    private static boolean isPartial(String text) {
        var partial = PARTIAL.matcher(text);
        return partial.matches()
                && !isWildcard(partial.group(1))
                && wildcardsTrail(partial.group(1), partial.group(2), partial.group(3))
                && (partial.group(4) == null || !isWildcard(partial.group(3)));
    }

    /** In a partial version, once a part is a wildcard every later part must be one too ({@code 1.x.3} is wrong). */
    private static boolean wildcardsTrail(String... parts) {
        var seenWildcard = false;
        for (var part : parts) {
            if (part == null) {
                break;
            }
            if (isWildcard(part)) {
                seenWildcard = true;
            } else if (seenWildcard) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWildcard(String part) {
        return part != null && (part.equals("x") || part.equals("X") || part.equals("*"));
    }
}
