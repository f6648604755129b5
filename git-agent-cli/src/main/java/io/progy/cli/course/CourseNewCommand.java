package io.progy.cli.course;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.FileTrees;
import io.progy.cli.ProgyCommand;
import io.progy.format.CourseName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code progy course new}: a working course skeleton in a new or empty directory. */
@Command(
        name = "new",
        mixinStandardHelpOptions = true,
        description = {
            "Start a new course in a new or empty directory.",
            "Writes course.json (version " + CourseSkeleton.VERSION + ", a Java runner), a README, the check"
                    + " program runner/Check.java and one module with one exercise: its tests.txt fails the starting"
                    + " Exercise.java and passes its solution/.",
            "course.json's files leave every solution/ directory out of the published course."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  progy course new java-intro --name @ada/java-intro",
            "  progy course new . --name @ada/streams --title \"Java streams\""
        })
public final class CourseNewCommand extends ProgyCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "Directory to create the course in.")
    Path dir;

    @Option(
            names = "--name",
            required = true,
            paramLabel = "@SCOPE/SLUG",
            description = "The course's name; the scope is your user name.")
    String name;

    @Option(names = "--title", paramLabel = "TEXT", description = "The course title (default: from the slug).")
    String title;

    @Override
    protected int run() throws IOException {
        var problem = CourseName.problem(name);
        if (problem.isPresent()) {
            throw CliException.usage(problem.get());
        }
        var courseName = CourseName.parse(name);
        var courseTitle = title == null || title.isBlank() ? CourseSkeleton.titleOf(courseName) : title.strip();
        if (courseTitle.length() > 200 || courseTitle.chars().anyMatch(Character::isISOControl)) {
            throw CliException.usage("--title must be one line of at most 200 characters");
        }
        var root = dir.toAbsolutePath().normalize();
        var existed = Files.exists(root);
        if (existed && !Files.isDirectory(root)) {
            throw CliException.conflict(root + " exists and is not a directory");
        }
        if (existed) {
            try (var children = Files.list(root)) {
                if (children.findAny().isPresent()) {
                    throw CliException.conflict(root + " is not empty: start a course in a new or empty directory");
                }
            }
        }
        List<String> written;
        try {
            written = new CourseSkeleton(courseName, courseTitle).write(root);
        } catch (IOException | RuntimeException e) {
            FileTrees.delete(root, existed); // leave nothing half-written behind
            throw e;
        }
        var out = output();
        if (out.json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("name", courseName.toString());
            result.put("version", CourseSkeleton.VERSION);
            result.put("path", root.toString());
            result.put("files", written);
            out.printJson(result);
        } else {
            out.println("Created " + out.bold(courseName + "@" + CourseSkeleton.VERSION) + " in " + root);
            out.info("Next: progy course add-exercise <module> <name> --dir " + dir + ", then progy course check "
                    + dir);
        }
        return ExitCode.OK;
    }
}
