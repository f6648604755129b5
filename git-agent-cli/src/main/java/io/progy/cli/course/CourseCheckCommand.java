package io.progy.cli.course;

import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code progy course check}: the course guard, every problem at once. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Check a course directory and list every problem at once.",
            "Validates course.json and every info.toml, finds missing and unlisted exercise directories,"
                    + " exercises without README.md, invalid quiz.json files, broken relative links in Markdown"
                    + " and files the package leaves out.",
            "For exercises that ship a solution (a solution/ directory, or a file such as Solution.java), runs"
                    + " the check against the solution (it must pass) and against the starting files (they must"
                    + " not), in a temporary copy of what the course packs: your files are never changed.",
            "Exits 0 with a one-line summary when the course is clean, 1 with the list of problems otherwise."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  progy course check", "  progy course check courses/java-intro --format json"})
public final class CourseCheckCommand extends ProgyCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Course directory (default: .).")
    Path dir = Path.of(".");

    @Override
    protected int run() throws IOException {
        var report = CourseGuard.check(dir, context(), output());
        var out = output();
        if (out.json()) {
            out.printJson(toJson(report));
        } else {
            for (var note : report.notes()) {
                out.info("note: " + note);
            }
            for (var problem : report.problems()) {
                out.println(problem.toString());
            }
            out.println(report.clean() ? out.green(report.summary()) : report.summary());
        }
        return report.clean() ? ExitCode.OK : ExitCode.FAILURE;
    }

    static Map<String, Object> toJson(CourseReport report) {
        var json = new LinkedHashMap<String, Object>();
        json.put("course", report.courseDir().toString());
        json.put("name", report.name());
        json.put("clean", report.clean());
        json.put("modules", report.modules());
        json.put("exercises", report.exercises());
        json.put("solutions_checked", report.solutionsChecked());
        json.put("problems", report.problems());
        json.put("notes", report.notes());
        return json;
    }
}
