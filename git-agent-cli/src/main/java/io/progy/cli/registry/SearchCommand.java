package io.progy.cli.registry;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code progy search}: finds courses by name, description or keyword. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Search the registry for courses.",
            "Matches name, description and keywords, case-insensitively; without a query, lists every course."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  progy search", "  progy search java", "  progy search \"intro java\" --page 2 --format json"})
public final class SearchCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", description = "Words to look for.")
    String query = "";

    @Option(names = "--page", paramLabel = "N", description = "Result page, from 1 (default: 1).")
    int page = 1;

    @Option(names = "--per-page", paramLabel = "N", description = "Results per page, 1..100 (default: 20).")
    int perPage = 20;

    @Override
    protected int run() {
        if (page < 1 || perPage < 1 || perPage > 100) {
            throw CliException.usage("--page must be >= 1 and --per-page within 1..100");
        }
        var out = output();
        var result = new RegistryApi(api(server)).search(query, page, perPage);
        if (out.json()) {
            out.printJson(result);
            return ExitCode.OK;
        }
        if (result.results().isEmpty()) {
            out.info(query.isBlank() ? "No courses yet." : "No courses match '" + query + "'.");
            return ExitCode.OK;
        }
        int nameWidth = result.results().stream()
                .mapToInt(hit -> hit.name().length())
                .max()
                .orElse(0);
        int versionWidth = result.results().stream()
                .mapToInt(hit -> String.valueOf(hit.latest()).length())
                .max()
                .orElse(0);
        for (var hit : result.results()) {
            out.println(out.bold(pad(hit.name(), nameWidth)) + "  " + pad(String.valueOf(hit.latest()), versionWidth)
                    + "  " + (hit.description() == null ? "" : hit.description()));
        }
        long pages = Math.max(1, (result.total() + perPage - 1) / perPage);
        if (pages > 1 || page > 1) {
            out.info("page " + page + " of " + pages + " (" + result.total() + " courses); next: --page " + (page + 1));
        }
        return ExitCode.OK;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
