package io.progy.cli.cache;

import io.progy.cli.CliException;
import io.progy.cli.ProgyCommand;
import picocli.CommandLine.Command;

/** {@code progy cache}: the download cache ({@code ls}, {@code clean}). */
@Command(
        name = "cache",
        mixinStandardHelpOptions = true,
        description = {
            "List or empty the download cache.",
            "The cache is $PROGY_HOME/cache/registry.",
            "Downloaded course artifacts are kept there (verified by sha256 on every use) so `progy init`"
                    + " works offline; above 1 GiB ($PROGY_CACHE_MAX_BYTES) the least recently used are removed."
        },
        subcommands = {CacheListCommand.class, CacheCleanCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  progy cache ls", "  progy cache ls --format json", "  progy cache clean"})
public final class CacheCommand extends ProgyCommand {
    @Override
    protected int run() {
        throw CliException.usage("missing subcommand: `progy cache ls` or `progy cache clean`");
    }
}
