package io.progy.format;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One module of a course: a directory {@code content/<module>/} with an {@code info.toml} listing its exercises in
 * order.
 *
 * @param id the directory name, such as {@code 01_basics}
 * @param title {@code [module] title} from {@code info.toml}; without an {@code info.toml}, made from the directory
 *     name ({@code 02_control_flow} gives {@code Control flow})
 * @param dir the directory, absolute
 * @param info the {@code info.toml} file, or {@code null} if the module has none
 * @param exercises the exercises in course order
 */
public record CourseModule(String id, String title, Path dir, Path info, List<Exercise> exercises) {

    /** The name of a module's description file. */
    public static final String INFO_FILE = "info.toml";

    /** Creates a module. */
    public CourseModule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(dir, "dir");
        exercises = List.copyOf(exercises);
    }
}
