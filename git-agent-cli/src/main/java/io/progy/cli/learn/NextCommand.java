package io.progy.cli.learn;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.Output;
import io.progy.cli.ProgyCommand;
import io.progy.format.Exercise;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code progy next}: moves on to the next exercise, done or not. */
@Command(
        name = "next",
        mixinStandardHelpOptions = true,
        description = {
            "Move on: make the next exercise not done yet (after the current one) the current one, and show it.",
            "The exercise you leave stays pending; `progy list` shows it and `progy test NAME` checks it."
        })
public final class NextCommand extends ProgyCommand {
    @Mixin
    CourseDirOption where;

    @Override
    protected int run() throws Exception {
        var course = StudentCourse.open(where.start(context()));
        var moved = moveOn(course);
        var out = output();
        if (out.json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("current", moved.id());
            result.put("name", moved.name());
            result.put("title", moved.title());
            result.put("path", moved.path());
            out.printJson(result);
        } else {
            show(out, moved);
        }
        return ExitCode.OK;
    }

    /** Makes the first exercise after the current one that is not done the current one; exit 3 if none. */
    static Exercise moveOn(StudentCourse course) throws IOException {
        var from = course.current()
                .orElseThrow(() -> CliException.conflict("every exercise is done: there is no next one"));
        Optional<Exercise> next = course.after(from);
        var locked = course.locked();
        while (next.isPresent()
                && (course.state().isDone(next.get().id())
                        || locked.containsKey(next.get().id()))) {
            next = course.after(next.get());
        }
        var target = next.orElseThrow(
                () -> CliException.conflict("no exercise after " + from.name() + " is left to do (see `progy list`)"));
        course.makeCurrent(target);
        return target;
    }

    static void show(Output out, Exercise exercise) {
        out.println("Now on: " + out.bold(exercise.title()) + " — " + exercise.name() + " (" + exercise.path() + ")");
        out.info("Read " + exercise.path() + "/README.md, then `progy test` (or `progy watch`).");
    }
}
