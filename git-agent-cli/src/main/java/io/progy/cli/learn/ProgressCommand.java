package io.progy.cli.learn;

import io.progy.cli.ExitCode;
import io.progy.cli.Output;
import io.progy.cli.ProgyCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code progy status} and {@code progy list}: the same progress report, printed as a summary or a list. */
abstract class ProgressCommand extends ProgyCommand {
    @Mixin
    CourseDirOption where;

    @Option(names = "--json", description = "Print the progress as JSON.")
    boolean json;

    /** Prints the report as text. */
    abstract void print(ProgressReport report, Output out);

    @Override
    protected int run() throws Exception {
        var out = output();
        var report = ProgressReport.of(StudentCourse.open(where.start()));
        if (json || out.json()) {
            out.printJson(report);
        } else {
            print(report, out);
        }
        return ExitCode.OK;
    }
}
