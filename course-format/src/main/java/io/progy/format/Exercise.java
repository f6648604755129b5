package io.progy.format;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One exercise of a course, as {@link CourseLayout#load(Path)} finds it.
 *
 * <p>An exercise is a directory {@code content/<module>/<dir>/} holding the student's starting files and, by
 * convention, {@code README.md} (the task), {@code hints.md} (hints, optional), {@code quiz.json} (a
 * {@linkplain Quiz quiz}, optional) and a solution (optional): a file whose name starts with {@code solution}
 * (any case, such as {@code solution.py} or {@code Solution.java}) or a directory named so. When several names
 * match, the first in natural name order is taken. Solutions may also live outside the course, as the sample
 * course's do.
 *
 * @param id the module directory and the exercise directory, such as {@code 01_basics/01_hello}
 * @param module the module directory name, such as {@code 01_basics}
 * @param name the exercise's name from {@code info.toml} ({@code hello}); the directory name when the module has no
 *     {@code info.toml}
 * @param title the first level-one heading of {@code README.md} ({@code # Hello, World!}), or {@link #name()} when
 *     there is none
 * @param path the directory relative to the course root, {@code /}-separated, such as
 *     {@code content/01_basics/01_hello}: what the runner's {@code {{exercise}}} placeholder stands for
 * @param dir the directory, absolute
 * @param readme {@code README.md}, or {@code null} if missing
 * @param hints {@code hints.md}, or {@code null} if missing
 * @param quiz {@code quiz.json}, or {@code null} if missing
 * @param solution the solution file or directory, or {@code null} if none
 * @param hint the one-line {@code hint} from {@code info.toml}, or {@code null}
 * @param skip {@code skip} from {@code info.toml}: the exercise is listed but not required to finish the course
 */
public record Exercise(
        String id,
        String module,
        String name,
        String title,
        String path,
        Path dir,
        Path readme,
        Path hints,
        Path quiz,
        Path solution,
        String hint,
        boolean skip) {

    /** The file holding an exercise's task. */
    public static final String README = "README.md";
    /** The file holding an exercise's hints. */
    public static final String HINTS = "hints.md";
    /** The file holding an exercise's quiz. */
    public static final String QUIZ = "quiz.json";
    /** How a solution file or directory's name starts (compared ignoring case). */
    public static final String SOLUTION_PREFIX = "solution";

    /** Creates an exercise; the identifying parts are required. */
    public Exercise {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(dir, "dir");
    }

    private static final Pattern PORTABLE_ID =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}/[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /**
     * Whether {@code id} is a portable exercise id, the form the server accepts in check events: a module directory
     * and an exercise directory of 1 to 100 ASCII letters, digits, {@code .}, {@code _} and {@code -} each, each
     * starting with a letter or digit (so no {@code ..}, hidden or absolute parts), joined by {@code /}.
     *
     * @param id such as {@code 01_basics/01_hello}
     * @return true when it has that form
     */
    public static boolean isPortableId(String id) {
        return id != null && PORTABLE_ID.matcher(id).matches();
    }

    /** The exercise directory's own name, such as {@code 01_hello}. */
    public String dirName() {
        return id.substring(id.indexOf('/') + 1);
    }
}
