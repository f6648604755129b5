package io.progy.cli.learn;

import io.progy.cli.Output;
import picocli.CommandLine.Command;

/** {@code progy list}: every exercise and its status. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {
            "List every exercise, module by module, marked done (✓), current (▶) or pending (·).",
            "--json prints the same document as `progy status --json`."
        })
public final class ListCommand extends ProgressCommand {
    @Override
    void print(ProgressReport report, Output out) {
        report.printList(out);
    }
}
