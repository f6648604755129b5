package io.progy.cli.init;

import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import io.progy.cli.cache.ArtifactCache;
import io.progy.cli.http.TransferListener;
import io.progy.cli.registry.CourseRef;
import io.progy.cli.registry.RegistryApi;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code progy init}: starts a course in a new Git-backed workspace. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Start a course in a new Git-backed directory.",
            "Resolves the version, download it (or reuse the verified cached copy), check its"
                    + " sha256, unpack it safely into DIR, write progy.toml and a .gitignore, and create a Git"
                    + " repository (branch main) with the first commit \"init: Start course\".",
            "DIR (default: the course's slug) must be new or empty. If anything fails, init removes what it"
                    + " created. --offline installs the highest cached version in range without the network"
                    + " (exit 2 when nothing suitable is cached)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  progy init @progy/java-intro             # latest, into java-intro/",
            "  progy init @progy/java-intro@^1.2 ~/java # highest 1.x >= 1.2",
            "  progy init @progy/java-intro@1.0.0 --offline",
            "  progy init @progy/java-intro --format json"
        })
public final class InitCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Parameters(
            index = "0",
            paramLabel = "@scope/slug[@range]",
            description = "The course, optionally with a version or range (1.2.3, ^1.2, ~1.2.3, >=1 <2, latest).")
    String course;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "Target directory (new or empty).")
    Path dir;

    @Option(names = "--offline", description = "Use the download cache only; never contact the server.")
    boolean offline;

    @Override
    protected int run() throws Exception {
        var ref = CourseRef.parseWithRange(course);
        var target = (dir != null ? dir : Path.of(ref.name().slug()))
                .toAbsolutePath()
                .normalize();
        Workspace.requireEmptyOrAbsent(target); // fail before any download
        var url = server.url(context());
        var out = output();
        var showBar = context().terminal() && !out.quiet();
        var fetcher = new CourseFetcher(
                ArtifactCache.of(context()),
                out,
                () -> showBar
                        ? new ProgressBarListener(
                                context().err(), "download", context().color())
                        : TransferListener.NONE);
        var fetched = offline ? fetcher.offline(ref) : fetcher.online(new RegistryApi(api(server)), ref);
        Workspace.create(
                target,
                fetched.artifact(),
                new Workspace.Settings(fetched.name(), fetched.version(), fetched.sha256(), url, ""));
        if (out.json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("name", fetched.name());
            result.put("version", fetched.version());
            result.put("sha256", fetched.sha256());
            result.put("path", target.toString());
            result.put("server", url);
            result.put("from_cache", fetched.fromCache());
            out.printJson(result);
        } else {
            out.println("Started " + out.green(fetched.name() + "@" + fetched.version()) + " in " + target);
            out.info("Next: cd " + target + " and read content/ in order; your work is committed to Git.");
        }
        return ExitCode.OK;
    }
}
