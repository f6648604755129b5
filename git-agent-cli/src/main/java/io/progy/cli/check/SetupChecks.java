package io.progy.cli.check;

import io.progy.format.CourseSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a course's {@code setup.checks}: each command from the course root, without a shell, with the same scrubbed
 * environment as a check, for at most {@value #TIMEOUT_SECONDS} s; it passes when it exits with 0.
 */
public final class SetupChecks {
    static final int TIMEOUT_SECONDS = 20;

    /**
     * One check's outcome.
     *
     * @param name the check's name
     * @param passed whether it exited with 0
     * @param output what it printed (cut to 2,000 characters), or why it could not run
     * @param solution how to fix a failure, from the course, or {@code null}
     */
    public record Outcome(String name, boolean passed, String output, String solution) {}

    private SetupChecks() {}

    /** Runs every check, in order. */
    public static List<Outcome> run(CourseSetup setup, Path root, Map<String, String> env) {
        var scrubbed = CheckEnvironment.scrub(env);
        var outcomes = new ArrayList<Outcome>();
        for (var check : setup.checks()) {
            var command = new ArrayList<>(check.command());
            var program = CheckEnvironment.findProgram(command.get(0), scrubbed, root)
                    .filter(p -> !command.get(0).contains("/") || p.normalize().startsWith(root));
            if (program.isEmpty()) {
                outcomes.add(new Outcome(
                        check.name(), false, command.get(0) + " was not found on the PATH", check.solution()));
                continue;
            }
            command.set(0, program.get().toString());
            try {
                var outcome = CheckProcess.run(command, root, scrubbed, Duration.ofSeconds(TIMEOUT_SECONDS), null);
                var output =
                        outcome.output().length() > 2000 ? outcome.output().substring(0, 2000) + "…" : outcome.output();
                outcomes.add(new Outcome(
                        check.name(),
                        !outcome.timedOut() && outcome.exitCode() == 0,
                        outcome.timedOut() ? "timed out after " + TIMEOUT_SECONDS + " s" : output,
                        check.solution()));
            } catch (IOException e) {
                outcomes.add(new Outcome(check.name(), false, "cannot run: " + e.getMessage(), check.solution()));
            }
        }
        return outcomes;
    }
}
