package io.progy.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A course's {@code course.json} manifest, validated.
 *
 * <p>Fields and rules ({@link #parse(byte[])} reports every broken rule at once):
 *
 * <ul>
 *   <li>{@code name} (required): {@code @scope/slug}, see {@link CourseName}.
 *   <li>{@code version} (required): strict SemVer 2.0, see {@link SemVer#isValid(String)}.
 *   <li>{@code description} (required): a non-blank string of at most {@value #MAX_DESCRIPTION_LENGTH} characters.
 *   <li>{@code keywords}: an array of non-blank strings.
 *   <li>{@code author}: a string, or an object {@code {name, email?, url?}} (kept as {@code "name <email> (url)"}).
 *   <li>{@code license}: a non-blank string (an SPDX identifier is recommended).
 *   <li>{@code private}: a boolean.
 *   <li>{@code repository}: a string, or an object {@code {type?, url}} (the URL is kept).
 *   <li>{@code engines}: an object; {@code engines.progy} a valid range, see {@link SemVer#isValidRange(String)}.
 *   <li>{@code files}: an array of glob strings choosing what {@link CoursePacker} packs.
 *   <li>{@code runner}: how exercises are checked, see {@link RunnerSpec} and {@link #runner()}.
 * </ul>
 *
 * <p>Courses written for Progy's original format are accepted as they are: {@code runners} (see {@link #runners()}),
 * {@code content} ({@code root}, and {@code exercises}, which must be {@code content}), {@code progression}
 * ({@link #progression()}), {@code setup} ({@link #setup()}) and {@code branding} ({@link #branding()}) are validated
 * too. {@link #parseLenient(byte[])} reads such a course for local use even when it lacks what only publishing needs
 * (an {@code @scope/slug} name, a version, a description); {@link #publishProblems()} then says what to add. Other
 * fields are allowed and kept in {@link #raw()}.
 *
 * @param name the course name, {@code @scope/slug}
 * @param version the version
 * @param description a one-paragraph description
 * @param keywords search keywords, never {@code null}
 * @param author the author, or {@code null}
 * @param license the license, or {@code null}
 * @param privateCourse the JSON field {@code private}
 * @param repository the source repository URL, or {@code null}
 * @param enginesProgy the {@code engines.progy} range, or {@code null}
 * @param files the {@code files} globs, never {@code null}; empty means "everything"
 * @param raw the whole document, for fields this record does not model
 */
public record CourseManifest(
        String name,
        String version,
        String description,
        List<String> keywords,
        String author,
        String license,
        boolean privateCourse,
        String repository,
        String enginesProgy,
        List<String> files,
        JsonNode raw) {

    /** The manifest's file name at a course root. */
    public static final String FILE_NAME = "course.json";
    /** Longest allowed description. */
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    /** Creates a manifest; {@code null} lists become empty lists. Use {@link #parse(byte[])} to validate. */
    public CourseManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** The parsed {@link #name()}. */
    public CourseName courseName() {
        return CourseName.parse(name);
    }

    /**
     * The default runner: how the course's exercises are checked unless the student picks another. It is the first
     * of {@link #runners()}.
     *
     * @return the runner, or empty if the manifest has none
     * @throws InvalidManifestException if this manifest was built by hand around an invalid runner (a manifest from
     *     {@link #parse(byte[])} never throws here)
     */
    public Optional<RunnerSpec> runner() {
        return runners().stream().findFirst();
    }

    /**
     * Every runner, default first: the {@code runner} object (id {@value RunnerSpec#DEFAULT_ID}), then the entries of
     * Progy's {@code runners} array.
     *
     * @throws InvalidManifestException if this manifest was built by hand around an invalid runner
     */
    public List<RunnerSpec> runners() {
        if (raw == null) {
            return List.of();
        }
        var problems = new ArrayList<ManifestProblem>();
        var runners =
                RunnerReader.readAll(raw, name, (field, message) -> problems.add(new ManifestProblem(field, message)));
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(problems);
        }
        return runners;
    }

    /**
     * The runner with this id.
     *
     * @return the runner, or empty if none has that id
     */
    public Optional<RunnerSpec> runner(String id) {
        return runners().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The {@code progression} rules; {@link Progression#OPEN} when absent. */
    public Progression progression() {
        return raw == null ? Progression.OPEN : CourseSettingsReader.progressionOf(raw);
    }

    /** The {@code setup} checks and guide, if the course has them. */
    public Optional<CourseSetup> setup() {
        return raw == null ? Optional.empty() : Optional.ofNullable(CourseSettingsReader.setupOf(raw));
    }

    /** The {@code branding}; {@link Branding#NONE} when absent. */
    public Branding branding() {
        return raw == null ? Branding.NONE : CourseSettingsReader.brandingOf(raw);
    }

    /**
     * What this manifest still needs before it can be published, each problem saying what to write (empty for a
     * manifest from {@link #parse(byte[])}).
     */
    public List<ManifestProblem> publishProblems() {
        return raw == null ? List.of() : ManifestValidator.publishProblems(raw);
    }

    /** Whether {@link #name()} is a valid {@code @scope/slug}. */
    public boolean hasCourseName() {
        return CourseName.problem(name).isEmpty();
    }

    /**
     * Parses and validates a manifest.
     *
     * @param json the document, UTF-8
     * @throws InvalidManifestException with every problem found; unparseable JSON is one problem on
     *     {@code (document)} giving the parser's line and column
     */
    public static CourseManifest parse(byte[] json) {
        return ManifestValidator.parse(json);
    }

    /**
     * Parses a manifest for local use (studying, checking, packing): like {@link #parse(byte[])}, except that
     * {@code name}, {@code version} and {@code description} may be missing or invalid, as they are in courses written
     * for Progy's original format. A missing or invalid version reads as {@code 0.0.0}; a missing name as the
     * {@code id}, else {@code course}. {@link #publishProblems()} lists what to add before publishing.
     *
     * @throws InvalidManifestException with every other problem found
     */
    public static CourseManifest parseLenient(byte[] json) {
        return ManifestValidator.parse(json, true);
    }

    /**
     * Reads a {@code course.json} file for local use, see {@link #parseLenient(byte[])}.
     *
     * @throws InvalidManifestException if the file is missing or invalid for local use
     * @throws UncheckedIOException if it cannot be read
     */
    public static CourseManifest readLenient(Path courseJson) {
        return parseLenient(bytes(courseJson));
    }

    /**
     * Reads and validates a {@code course.json} file.
     *
     * @param courseJson the path of the file (not of the course directory)
     * @throws InvalidManifestException if the file is missing or invalid
     * @throws UncheckedIOException if it cannot be read
     */
    public static CourseManifest read(Path courseJson) {
        return parse(bytes(courseJson));
    }

    private static byte[] bytes(Path courseJson) {
        try {
            return Files.readAllBytes(courseJson);
        } catch (NoSuchFileException e) {
            throw new InvalidManifestException(ManifestProblem.DOCUMENT, "file not found: " + courseJson);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + courseJson + ": " + e.getMessage(), e);
        }
    }
}
