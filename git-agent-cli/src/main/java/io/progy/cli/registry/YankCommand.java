package io.progy.cli.registry;

import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code progy yank}: withdraws a published version from range resolution (or restores it). */
@Command(
        name = "yank",
        mixinStandardHelpOptions = true,
        description = {
            "Withdraw a published version (or restore it).",
            "A yanked version: ranges and \"latest\" never choose it again, but it stays downloadable"
                    + " by its exact version so existing students are not broken. --undo restores it.",
            "Only the owner of the scope may yank."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  progy yank @ada/rust-basics@1.0.1", "  progy yank @ada/rust-basics@1.0.1 --undo"})
public final class YankCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Parameters(index = "0", paramLabel = "@scope/slug@version", description = "The exact version.")
    String target;

    @Option(names = "--undo", description = "Restore a yanked version.")
    boolean undo;

    @Override
    protected int run() {
        var ref = CourseRef.parseWithVersion(target);
        var answer = new RegistryApi(api(server)).yank(ref.name(), ref.range(), undo);
        var result =
                answer != null ? answer : new RegistryApi.YankResult(ref.name().toString(), ref.range(), !undo);
        var out = output();
        if (out.json()) {
            out.printJson(result);
        } else {
            out.println((undo ? "Restored " : "Yanked ") + out.bold(ref.name() + "@" + ref.range()));
        }
        return ExitCode.OK;
    }
}
