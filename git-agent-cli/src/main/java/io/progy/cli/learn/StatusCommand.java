package io.progy.cli.learn;

import io.progy.cli.Output;
import picocli.CommandLine.Command;

/** {@code progy status}: how far the student is, per module. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show your progress: exercises done per module, the percentage, and the current exercise.",
            "--json prints every module and exercise with its status (done, current or pending)."
        })
public final class StatusCommand extends ProgressCommand {
    @Override
    void print(ProgressReport report, Output out) {
        report.printSummary(out);
    }
}
