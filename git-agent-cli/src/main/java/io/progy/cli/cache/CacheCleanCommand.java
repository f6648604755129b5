package io.progy.cli.cache;

import io.progy.cli.ExitCode;
import io.progy.cli.Output;
import io.progy.cli.ProgyCommand;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;

/** {@code progy cache clean}. */
@Command(
        name = "clean",
        mixinStandardHelpOptions = true,
        description = "Delete every cached course artifact (they are downloaded again when needed).",
        footerHeading = "%nExamples:%n",
        footer = {"  progy cache clean"})
public final class CacheCleanCommand extends ProgyCommand {
    @Override
    protected int run() throws Exception {
        var removal = ArtifactCache.of(context()).clean();
        var out = output();
        if (out.json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("removed", removal.artifacts());
            result.put("freed_bytes", removal.bytes());
            out.printJson(result);
        } else {
            var noun = removal.artifacts() == 1 ? " cached artifact (" : " cached artifacts (";
            out.println("Removed " + removal.artifacts() + noun + Output.bytes(removal.bytes()) + ").");
        }
        return ExitCode.OK;
    }
}
