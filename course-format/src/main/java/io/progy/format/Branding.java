package io.progy.format;

/**
 * How a course presents itself: the {@code branding} object of {@code course.json} (Progy's format).
 *
 * @param coverImage the cover image's path relative to the course root, or {@code null}
 */
public record Branding(String coverImage) {
    /** No branding. */
    public static final Branding NONE = new Branding(null);
}
