package io.progy.cli.course;

import io.progy.format.CourseProblem;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link CourseGuard} found in a course.
 *
 * @param courseDir the course directory, absolute
 * @param name {@code @scope/slug} from {@code course.json}, or {@code null} when it cannot be read
 * @param modules how many modules the course has (0 when its layout cannot be read)
 * @param exercises how many exercises
 * @param solutionsChecked how many exercises had their check run against their solution and their starting files
 * @param problems every problem, static ones first, then those of the solution runs, in course order
 * @param notes what the author should know that is not a problem (solution runs skipped, solutions packed)
 */
public record CourseReport(
        Path courseDir,
        String name,
        int modules,
        int exercises,
        int solutionsChecked,
        List<CourseProblem> problems,
        List<String> notes) {

    public CourseReport {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public boolean clean() {
        return problems.isEmpty();
    }

    /** One line: {@code @ada/intro: 2 modules, 5 exercises, 5 solutions checked, no problems}. */
    public String summary() {
        var text = new StringBuilder(name == null ? courseDir.toString() : name)
                .append(": ")
                .append(count(modules, "module"))
                .append(", ")
                .append(count(exercises, "exercise"))
                .append(", ")
                .append(count(solutionsChecked, "solution"))
                .append(" checked, ");
        return text.append(problems.isEmpty() ? "no problems" : count(problems.size(), "problem"))
                .toString();
    }

    public static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
