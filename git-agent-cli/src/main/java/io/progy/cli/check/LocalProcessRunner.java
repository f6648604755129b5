package io.progy.cli.check;

import io.progy.format.CheckResult;
import io.progy.format.Exercise;
import io.progy.format.RunnerSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;

/**
 * Runs a check as a local process: the runner's argument list (never a shell), from its {@code cwd} in the course, with progy's
 * environment scrubbed of credentials, stopped with its whole process tree at the timeout.
 */
final class LocalProcessRunner implements CheckRunner {
    private final RunnerSpec spec;
    private final Map<String, String> env;

    LocalProcessRunner(RunnerSpec spec, Map<String, String> env) {
        this.spec = spec;
        this.env = CheckEnvironment.scrub(env);
    }

    @Override
    public RunnerSpec spec() {
        return spec;
    }

    @Override
    public CheckResult run(java.nio.file.Path courseDir, Exercise exercise, OutputListener listener) {
        var dirs = CheckDirectories.confine(courseDir, exercise);
        var root = dirs.root();
        var workDir = dirs.workDir(spec.cwd());
        var resultsFile = dirs.freshResultsFile();
        var arguments = new ArrayList<>(spec.arguments(exercise.path(), root.toString()));
        var program = CheckEnvironment.findProgram(arguments.get(0), env, workDir);
        if (program.isPresent() && arguments.get(0).contains("/")) {
            // a program of the course: it must stay inside it, also through symbolic links
            program = java.util.Optional.of(dirs.courseFile(program.get(), "the runner program"));
        }
        if (program.isEmpty()) {
            return CheckResult.error(
                    "cannot run the check: " + arguments.get(0)
                            + (arguments.get(0).contains("/") ? " does not exist" : " was not found on the PATH")
                            + " (the course's runner needs it)",
                    null);
        }
        arguments.set(0, program.get().toString());
        CheckProcess.Outcome outcome;
        try {
            outcome = CheckProcess.run(arguments, workDir, env, spec.timeout(), null, listener);
        } catch (IOException e) {
            return CheckResult.error("cannot run the check: " + e.getMessage(), null);
        }
        return CheckResult.fromProcess(
                outcome.exitCode(), outcome.output(), outcome.timedOut(), spec.timeoutSeconds(), resultsFile);
    }
}
