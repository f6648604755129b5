package io.progy.cli.registry;

import io.progy.cli.ExitCode;
import io.progy.cli.Output;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code progy info}: a course's description and versions. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = {
            "Show a course and its versions.",
            "Prints the description, the latest version and every published version. Yanked versions are"
                    + " marked: ranges never choose them, an exact version still installs them."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  progy info @progy/java-intro", "  progy info @progy/java-intro --format json"})
public final class InfoCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Parameters(index = "0", paramLabel = "@scope/slug", description = "The course.")
    String course;

    @Override
    protected int run() {
        var ref = CourseRef.parse(course);
        var out = output();
        var info = new RegistryApi(api(server)).resolve(ref.name(), ref.range());
        if (out.json()) {
            out.printJson(info);
            return ExitCode.OK;
        }
        out.println(out.bold(info.name())
                + (info.latest() != null
                        ? "  latest " + info.latest()
                        : info.allYanked() ? "  all versions are yanked" : ""));
        if (info.description() != null && !info.description().isBlank()) {
            out.println(info.description());
        }
        out.println("");
        out.println("Versions:");
        for (var v : info.versions()) {
            var date = v.publishedAt() == null
                    ? ""
                    : v.publishedAt().substring(0, Math.min(10, v.publishedAt().length()));
            var marks =
                    v.yanked() ? out.yellow("yanked") : v.version().equals(info.latest()) ? out.green("latest") : "";
            out.println("  " + v.version() + "  " + date + "  " + Output.bytes(v.size()) + "  " + marks);
        }
        out.println("");
        if (info.latest() == null && info.allYanked()) {
            out.println("Every version is yanked: no range installs one. An exact version still does:");
            out.println(
                    "  progy init " + info.name() + "@" + info.versions().get(0).version());
            return ExitCode.OK;
        }
        out.println("Start it with:  progy init " + info.name());
        return ExitCode.OK;
    }
}
