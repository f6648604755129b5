package io.progy.format;

import java.util.Objects;
import java.util.Optional;

/**
 * A course name, {@code @scope/slug}. The scope is the owner (a user name), the slug names the course within it.
 *
 * <p>Rules for both parts: lower-case ASCII letters, digits and {@code -}, not starting or ending with {@code -};
 * the scope is 1 to {@value #MAX_SCOPE_LENGTH} characters, the slug 1 to {@value #MAX_SLUG_LENGTH}. The same rules
 * apply to user names, since a user owns the scope named after them.
 *
 * @param scope the owner part, without the {@code @}
 * @param slug the course part
 */
public record CourseName(String scope, String slug) {

    /** Longest allowed scope (and user name). */
    public static final int MAX_SCOPE_LENGTH = 39;
    /** Longest allowed slug. */
    public static final int MAX_SLUG_LENGTH = 64;

    /**
     * Creates a name from its parts.
     *
     * @throws IllegalArgumentException if either part breaks the rules
     */
    public CourseName {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(slug, "slug");
        scopeProblem(scope).ifPresent(p -> {
            throw new IllegalArgumentException("invalid course scope: " + p);
        });
        slugProblem(slug).ifPresent(p -> {
            throw new IllegalArgumentException("invalid course slug: " + p);
        });
    }

    /**
     * Parses {@code @scope/slug}.
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static CourseName parse(String text) {
        problem(text).ifPresent(p -> {
            throw new IllegalArgumentException("invalid course name '" + text + "': " + p);
        });
        var slash = text.indexOf('/');
        return new CourseName(text.substring(1, slash), text.substring(slash + 1));
    }

    /**
     * Says why {@code text} is not a valid {@code @scope/slug} name.
     *
     * @return the reason, or empty if the name is valid
     */
    public static Optional<String> problem(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of("must not be empty");
        }
        var slash = text.indexOf('/');
        if (!text.startsWith("@") || slash < 0 || text.indexOf('/', slash + 1) >= 0) {
            return Optional.of("must have the form @scope/slug, e.g. @alice/java-intro");
        }
        return scopeProblem(text.substring(1, slash)).or(() -> slugProblem(text.substring(slash + 1)));
    }

    /**
     * Says why {@code scope} is not a valid scope (or user name).
     *
     * @return the reason, or empty if valid
     */
    public static Optional<String> scopeProblem(String scope) {
        return partProblem("scope", scope, MAX_SCOPE_LENGTH);
    }

    /**
     * Says why {@code slug} is not a valid course slug.
     *
     * @return the reason, or empty if valid
     */
    public static Optional<String> slugProblem(String slug) {
        return partProblem("slug", slug, MAX_SLUG_LENGTH);
    }

    private static Optional<String> partProblem(String part, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return Optional.of(part + " must not be empty");
        }
        if (value.length() > maxLength) {
            return Optional.of(
                    part + " '" + value + "' is " + value.length() + " characters long, more than " + maxLength);
        }
        for (var i = 0; i < value.length(); i++) {
            var c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return Optional.of(part + " '" + value + "' may contain only lower-case letters (a-z), digits and '-'");
            }
        }
        if (value.startsWith("-") || value.endsWith("-")) {
            return Optional.of(part + " '" + value + "' must not start or end with '-'");
        }
        return Optional.empty();
    }

    /** Returns {@code @scope/slug}. */
    @Override
    public String toString() {
        return "@" + scope + "/" + slug;
    }

    /**
     * A slug made from any text, for suggestions and file names: lower-case letters and digits, other runs of
     * characters turned into one {@code -}, at most {@value #MAX_SLUG_LENGTH} characters; {@code "course"} when
     * nothing is left. {@code "Rust Test (Multi-Runner)"} gives {@code rust-test-multi-runner}.
     */
    public static String suggestSlug(String text) {
        var ascii = java.text.Normalizer.normalize(text == null ? "" : text, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        var slug = ascii.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG_LENGTH) {
            slug = slug.substring(0, MAX_SLUG_LENGTH).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "course" : slug;
    }
}
