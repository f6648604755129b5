package io.progy.cli.init;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import io.progy.cli.cache.ArtifactCache;
import io.progy.cli.http.TransferListener;
import io.progy.cli.progress.GitRemote;
import io.progy.cli.progress.ProgressRepo;
import io.progy.cli.progress.ProgyToml;
import io.progy.cli.registry.CourseRef;
import io.progy.cli.registry.RegistryApi;
import java.nio.file.Path;
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
            "Resolves the version, downloads it (or reuses the verified cached copy), checks its"
                    + " sha256, unpacks it safely into DIR, writes progy.toml and a .gitignore, and creates a Git"
                    + " repository (branch main) with the first commit \"init: Start course\".",
            "Logged in, init also makes your progress repository on the server (one per course) and uploads that"
                    + " commit; if the repository already holds your work from another computer, init takes that"
                    + " history instead, with the course's own files under it: you find your work as you left it.",
            "Not logged in, offline or with --offline, everything stays on this computer; a later `progy save` or"
                    + " `progy sync` makes the repository and uploads your work.",
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
        var target = context().resolve(dir != null ? dir : Path.of(ref.name().slug()));
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
        var registry = offline ? null : new RegistryApi(api(server));
        // The download runs while the progress repository is provisioned and fetched: neither needs the other.
        var download = offline
                ? PendingCourse.done(fetcher.offline(ref))
                : PendingCourse.start(() -> fetcher.online(registry, ref));
        GitRemote remote = GitRemote.NONE;
        String repoUrl = "";
        String localReason = offline ? "--offline" : null;
        try {
            if (!offline) {
                var candidate = gitRemote(url, ref.name().toString(), ProgressRepo.DEFAULT_TIMEOUT);
                try {
                    repoUrl = candidate.ensureRepo().repoUrl();
                    remote = candidate;
                } catch (CliException e) {
                    // Not logged in, offline, or a server without progress repositories: the course still starts.
                    localReason = e.getMessage();
                }
            }
        } catch (RuntimeException e) {
            download.cancel();
            throw e;
        }
        var repository = repoUrl;
        var outcome = Workspace.create(
                target,
                download,
                course -> new ProgyToml(course.name(), course.version(), course.sha256(), url, repository),
                remote,
                version -> fetcher.online(
                        registry, CourseRef.parseWithRange(download.get().name() + "@" + version)));
        var fetched = download.get();
        InitReport.print(out, target, fetched, outcome, localReason);
        return ExitCode.OK;
    }
}
