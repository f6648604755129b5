package io.progy.cli.learn;

import io.progy.cli.Output;
import picocli.CommandLine.Command;

/** {@code progy status}: how far the student is, per module. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show your progress: exercises done per module, the percentage, and the current exercise; in a"
                    + " workspace made by `progy init`, also \"N commits not yet uploaded\", any sync conflict"
                    + " left to resolve, and a notice when a newer compatible course version is out (asked at most once"
                    + " a day). Passes committed on your other devices count as done.",
            "--json prints every module and exercise with its status (done, current or pending), and"
                    + " unpushed_commits (null outside a Git workspace) and pending_conflicts."
        })
public final class StatusCommand extends ProgressCommand {
    @Override
    boolean showsUpdates() {
        return true;
    }

    @Override
    void print(ProgressReport report, Output out) {
        report.printSummary(out);
    }
}
