package io.progy.cli.course;

import io.progy.cli.CliException;
import io.progy.cli.ProgyCommand;
import picocli.CommandLine.Command;

/** {@code progy course}: the instructor's commands ({@code new}, {@code add-exercise}, {@code check}). */
@Command(
        name = "course",
        mixinStandardHelpOptions = true,
        description = {
            "Write and check a course.",
            "new starts a course from a working skeleton, add-exercise adds exercises in order, check lists"
                    + " every problem and runs each check against its solution and its starting files."
        },
        subcommands = {CourseNewCommand.class, AddExerciseCommand.class, CourseCheckCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  progy course new java-intro --name @ada/java-intro",
            "  progy course add-exercise basics loops --dir java-intro",
            "  progy course check java-intro"
        })
public final class CourseCommand extends ProgyCommand {
    @Override
    protected int run() {
        throw CliException.usage(
                "missing subcommand: `progy course new`, `progy course add-exercise` or `progy course check`");
    }
}
