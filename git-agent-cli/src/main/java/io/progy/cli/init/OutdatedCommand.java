package io.progy.cli.init;

import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import io.progy.cli.learn.CourseDirOption;
import io.progy.cli.progress.ProgyToml;
import io.progy.cli.progress.WorkspaceRoots;
import io.progy.cli.registry.RegistryApi;
import io.progy.format.SemVer;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code progy outdated}: whether a newer compatible version of the course is published. */
@Command(
        name = "outdated",
        mixinStandardHelpOptions = true,
        description = {
            "Show whether a newer compatible version of the course exists (same major version as the installed one,"
                    + " ^X.Y.Z; yanked versions never count). `progy update` takes it."
        })
public final class OutdatedCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Mixin
    CourseDirOption where;

    @Override
    protected int run() throws Exception {
        var out = output();
        var settings = ProgyToml.read(WorkspaceRoots.find(where.start(context())));
        var registry = new RegistryApi(api(server));
        var range = "^" + settings.version();
        var resolution = registry.resolve(
                io.progy.cli.registry.CourseRef.parseWithRange(settings.course())
                        .name(),
                range);
        var newest =
                resolution.resolved() == null ? null : resolution.resolved().version();
        var newer = newest != null && SemVer.ORDER.compare(newest, settings.version()) > 0;
        if (out.json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("course", settings.course());
            result.put("installed", settings.version());
            result.put("range", range);
            result.put("newest", newest);
            result.put("outdated", newer);
            out.printJson(result);
        } else if (newer) {
            out.println(settings.course() + " " + settings.version() + " -> " + newest
                    + " available (run `progy update`).");
        } else {
            out.println(settings.course() + " " + settings.version() + " is up to date.");
        }
        return ExitCode.OK;
    }
}
