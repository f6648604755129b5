package io.progy.cli.learn;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.cache.ArtifactCache;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code progy reset}: puts an exercise's files back as the course shipped them. */
@Command(
        name = "reset",
        mixinStandardHelpOptions = true,
        description = {
            "Restore an exercise's files from the course package (kept in the download cache by `progy init`).",
            "Your changes to those files are lost; files you added are kept. Asks first on a terminal; scripts"
                    + " pass --yes (without a terminal and without --yes, reset refuses)."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  progy reset hello", "  progy reset 01_basics/01_hello --yes"})
public final class ResetCommand extends ProgyCommand {
    @Mixin
    CourseDirOption where;

    @Parameters(index = "0", paramLabel = "EXERCISE", description = "Exercise id, path, name or directory.")
    String exercise;

    @Option(
            names = {"-y", "--yes"},
            description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    protected int run() throws Exception {
        var out = output();
        var course = StudentCourse.open(where.start(context()));
        var target = course.exercise(exercise);
        PristineFiles.installed(course.root()); // before asking: a workspace without progy.toml cannot be reset
        if (!yes) {
            if (!context().terminal()) {
                throw CliException.usage("not resetting " + target.path()
                        + " without confirmation: pass --yes (not on a terminal, so progy cannot ask)");
            }
            context()
                    .err()
                    .print("Reset " + target.name() + " (" + target.path()
                            + ")? Your changes to its files will be lost. [y/N] ");
            context().err().flush();
            var answer = new BufferedReader(new InputStreamReader(context().in(), StandardCharsets.UTF_8)).readLine();
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
                out.info("Nothing was reset.");
                return ExitCode.FAILURE;
            }
        }
        var restored = PristineFiles.restore(course, target, ArtifactCache.of(context()));
        if (out.json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("exercise", target.id());
            result.put("restored", restored);
            out.printJson(result);
        } else {
            out.println("Reset " + target.name() + " (" + target.path() + "): restored " + restored.size()
                    + (restored.size() == 1 ? " file" : " files"));
            restored.forEach(file -> out.info("  " + file));
        }
        return ExitCode.OK;
    }
}
