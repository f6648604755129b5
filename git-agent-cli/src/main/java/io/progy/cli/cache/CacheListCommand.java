package io.progy.cli.cache;

import io.progy.cli.ExitCode;
import io.progy.cli.Output;
import io.progy.cli.ProgyCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code progy cache ls}. */
@Command(
        name = "ls",
        aliases = "list",
        mixinStandardHelpOptions = true,
        description = "List cached course artifacts with their sizes and when they were last used.",
        footerHeading = "%nExamples:%n",
        footer = {"  progy cache ls", "  progy cache ls --format json"})
public final class CacheListCommand extends ProgyCommand {
    @Override
    protected int run() throws Exception {
        var cache = ArtifactCache.of(context());
        var entries = cache.entries();
        long total = entries.stream().mapToLong(ArtifactCache.Entry::size).sum();
        var out = output();
        if (out.json()) {
            List<Map<String, Object>> list = entries.stream()
                    .map(e -> {
                        Map<String, Object> json = new LinkedHashMap<>();
                        json.put("name", e.name());
                        json.put("version", e.version());
                        json.put("size", e.size());
                        json.put("last_used", e.lastUsed().toString());
                        json.put("path", e.path().toString());
                        return json;
                    })
                    .toList();
            var result = new LinkedHashMap<String, Object>();
            result.put("path", cache.root().toString());
            result.put("total_size", total);
            result.put("max_size", cache.maxBytes());
            result.put("entries", list);
            out.printJson(result);
            return ExitCode.OK;
        }
        if (entries.isEmpty()) {
            out.info("The cache is empty (" + cache.root() + ").");
            return ExitCode.OK;
        }
        for (var e : entries) {
            out.println(e.name() + "@" + e.version() + "  " + Output.bytes(e.size()) + "  last used "
                    + e.lastUsed().toString().substring(0, 19).replace('T', ' ') + " UTC");
        }
        out.info(entries.size() + (entries.size() == 1 ? " artifact, " : " artifacts, ") + Output.bytes(total) + " of "
                + Output.bytes(cache.maxBytes()) + " in " + cache.root());
        return ExitCode.OK;
    }
}
