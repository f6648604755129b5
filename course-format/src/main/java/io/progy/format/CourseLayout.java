package io.progy.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The modules and exercises of a course directory, in course order.
 *
 * <pre>
 * course.json
 * content/
 *   01_basics/
 *     info.toml          [module] title, then one [[exercises]] table per exercise, in order
 *     01_hello/          README.md, hints.md, quiz.json, the starting files, maybe a solution
 *     02_variables/
 *   02_control_flow/
 *     ...
 * runner/                optional: whatever the runner command needs
 * </pre>
 *
 * <p>Modules are the directories directly under {@code content/}, in natural name order ({@code 2_x} before
 * {@code 10_y}); names starting with {@code .} are ignored. A module's exercises are the {@code [[exercises]]} of its
 * {@code info.toml}, in file order:
 *
 * <pre>
 * [module]
 * title = "Java basics"
 *
 * [[exercises]]
 * name = "hello"          # required, unique in the module
 * dir = "01_hello"        # the directory; defaults to name; unique in the module
 * hint = "Print one line" # optional one-line hint
 * skip = false            # optional; true: listed but not required to finish the course
 * </pre>
 *
 * A module without {@code info.toml} takes its subdirectories as exercises, in natural name order, and a title made
 * from its name ({@link CourseChecker} still reports the missing file).
 *
 * @param root the course directory, absolute and normalized
 * @param modules the modules in course order
 */
public record CourseLayout(Path root, List<CourseModule> modules) {

    /** The directory holding the modules. */
    public static final String CONTENT = "content";

    /** Creates a layout. */
    public CourseLayout {
        Objects.requireNonNull(root, "root");
        modules = List.copyOf(modules);
    }

    /**
     * Reads the layout of a course directory.
     *
     * @param courseDir the course root (the directory holding {@code course.json})
     * @return the modules and exercises in course order
     * @throws InvalidCourseException with every problem that makes the layout unreliable: no {@code content/}
     *     directory; an {@code info.toml} that is not valid TOML, lacks a field, repeats a name or directory, or names
     *     a directory that is not a portable single name; an exercise directory listed but missing. Problems that do
     *     not change the layout (exercise directories not listed, a module without {@code info.toml}, a missing
     *     README) are left to {@link CourseChecker}.
     * @throws IOException if a directory or file cannot be read
     */
    public static CourseLayout load(Path courseDir) throws IOException {
        var reader = LayoutReader.read(courseDir);
        if (!reader.errors().isEmpty()) {
            throw new InvalidCourseException(reader.errors());
        }
        return reader.layout();
    }

    /** Every exercise in course order: the modules in order, each module's exercises in order. */
    public List<Exercise> exercises() {
        return modules.stream().flatMap(module -> module.exercises().stream()).toList();
    }

    /**
     * The exercise with this id.
     *
     * @param id such as {@code 01_basics/01_hello}
     */
    public Optional<Exercise> exercise(String id) {
        return exercises().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /**
     * The exercises a user may mean by {@code reference}: the one whose id ({@code 01_basics/01_hello}) or path
     * ({@code content/01_basics/01_hello}, a trailing {@code /} allowed) it is; otherwise every exercise whose
     * {@linkplain Exercise#name() name} ({@code hello}) or directory name ({@code 01_hello}) it is. More than one
     * result means the reference is ambiguous; none, that it names no exercise.
     */
    public List<Exercise> find(String reference) {
        var wanted = reference.endsWith("/") ? reference.substring(0, reference.length() - 1) : reference;
        var exact = exercises().stream()
                .filter(e -> e.id().equals(wanted) || e.path().equals(wanted))
                .toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        return exercises().stream()
                .filter(e -> e.name().equals(wanted) || e.dirName().equals(wanted))
                .toList();
    }
}
