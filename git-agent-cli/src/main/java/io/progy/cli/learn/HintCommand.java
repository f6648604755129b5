package io.progy.cli.learn;

import io.progy.cli.ExitCode;
import io.progy.cli.Output;
import io.progy.cli.ProgyCommand;
import io.progy.format.Exercise;
import java.io.IOException;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code progy hint}: reveals an exercise's hints one at a time. */
@Command(
        name = "hint",
        mixinStandardHelpOptions = true,
        description = {
            "Show the next hint of an exercise (the current one by default): one more each time you ask.",
            "Hints come from info.toml's hint and the exercise's hints.md; how many you have seen is kept in"
                    + " .progy/state.json."
        })
public final class HintCommand extends ProgyCommand {
    @Mixin
    CourseDirOption where;

    @Mixin
    ExerciseArgument exercise;

    @Option(names = "--json", description = "Print the hint as JSON.")
    boolean json;

    @Override
    protected int run() throws Exception {
        if (json) {
            output().forceJson();
        }
        var course = StudentCourse.open(where.start(context()));
        showNext(course, exercise.in(course), output());
        return ExitCode.OK;
    }

    /** Shows the next hint of {@code exercise} (the last one again once all are shown) and records it. */
    static void showNext(StudentCourse course, Exercise exercise, Output out) throws IOException {
        var hints = Hints.of(exercise);
        var shown = course.state().exercise(exercise.id()).hintsShown();
        var number = Math.min(shown + 1, hints.size());
        if (hints.isEmpty()) {
            if (out.json()) {
                var result = new LinkedHashMap<String, Object>();
                result.put("exercise", exercise.id());
                result.put("number", 0);
                result.put("total", 0);
                result.put("hint", null);
                out.printJson(result);
            } else {
                out.println("No hints for " + exercise.name() + ": read its README.md (" + exercise.path() + ").");
            }
            return;
        }
        if (shown < hints.size()) {
            course.update(course.state().withHintShown(exercise.id()));
        }
        var hint = hints.get(number - 1);
        if (out.json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("exercise", exercise.id());
            result.put("number", number);
            result.put("total", hints.size());
            result.put("hint", hint);
            out.printJson(result);
            return;
        }
        out.println(out.bold("Hint " + number + " of " + hints.size()) + " for " + exercise.name() + ":");
        hint.lines().forEach(line -> out.println("  " + line));
        if (shown >= hints.size()) {
            out.info("That was the last hint.");
        }
    }
}
