package io.progy.cli.registry;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.FileTrees;
import io.progy.cli.Output;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import io.progy.cli.course.CourseGuard;
import io.progy.cli.course.CourseReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code progy publish}: uploads a course (packing a directory first) to the registry. */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = {
            "Publish a course to the registry.",
            "Publishes a course directory (packed first) or a .progy file.",
            "Name and version come from the archive's own course.json; you may publish only under your own"
                    + " scope (@<username>/...). Published versions are immutable: publish a new version,"
                    + " or yank a bad one.",
            "A course directory is checked first, as `progy course check` does (every static problem, and each"
                    + " check run against its solution and its starting files); a course with problems is not"
                    + " published (exit 2) unless --skip-check. A .progy file is already packed: it is not checked.",
            "--dry-run validates everything locally (course check, manifest and the server's archive checks)"
                    + " and prints what would be published, without uploading."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  progy publish       # the course in the current directory",
            "  progy publish courses/java-intro --dry-run",
            "  progy publish --skip-check",
            "  progy publish java-intro-1.0.0.progy --json"
        })
public final class PublishCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "DIR|FILE",
            description = "Course directory or .progy file (default: .).")
    Path path = Path.of(".");

    @Option(names = "--dry-run", description = "Validate and show what would be published; upload nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

    @Option(names = "--skip-check", description = "Publish without running the course check first.")
    boolean skipCheck;

    @Override
    protected int run() throws Exception {
        if (json) {
            output().forceJson();
        }
        var source = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) {
            if (!skipCheck) {
                output().info("note: " + source.getFileName() + " is already packed, so the course check is skipped;"
                        + " run `progy course check` on its directory");
            }
            return publish(CoursePackage.inspect(source));
        }
        if (!skipCheck) {
            guard(source);
        }
        var temp = Files.createTempDirectory("progy-publish-");
        try {
            var packed =
                    CoursePackage.pack(source, temp.resolve(CoursePackage.fileName(CoursePackage.manifestOf(source))));
            if (!packed.beforePublishing().isEmpty()) {
                throw CliException.usage("not published: course.json is not ready to publish:" + System.lineSeparator()
                        + "  " + String.join(System.lineSeparator() + "  ", packed.beforePublishing()));
            }
            // Inspect what was packed exactly as the server will, so --dry-run catches what the server rejects.
            CoursePackage.inspect(packed.archive());
            return publish(packed);
        } finally {
            FileTrees.delete(temp, false);
        }
    }

    /** Refuses a course with problems, listing each on stderr, before anything is packed or uploaded. */
    private void guard(Path courseDir) throws IOException {
        var report = CourseGuard.check(courseDir, context(), output());
        for (var note : report.notes()) {
            output().info("note: " + note);
        }
        if (report.clean()) {
            output().debug("course check: " + report.summary());
            return;
        }
        var list = new StringBuilder();
        for (var problem : report.problems()) {
            list.append(System.lineSeparator()).append("  ").append(problem);
        }
        throw new CliException(
                ExitCode.USAGE,
                "not published: the course check found "
                        + CourseReport.count(report.problems().size(), "problem")
                        + " (fix them, or publish anyway with --skip-check):" + list);
    }

    private int publish(CoursePackage pkg) {
        var out = output();
        var url = server.url(context());
        if (dryRun) {
            var scope = pkg.name().substring(1, pkg.name().indexOf('/'));
            credentials()
                    .readFor(url)
                    .filter(c -> !c.username().equals(scope))
                    .ifPresent(c -> out.warn("you are logged in as " + c.username() + "; only @" + c.username()
                            + "/... courses can be" + " published by you"));
            if (out.json()) {
                var result = pkg.toJson();
                result.put("server", url);
                result.put("dry_run", true);
                out.printJson(result);
            } else {
                out.println("Would publish " + out.bold(pkg.name() + "@" + pkg.version()) + " to " + url);
                pkg.printSummary(out);
                out.info("(dry run: nothing was uploaded)");
            }
            return ExitCode.OK;
        }
        var published = new RegistryApi(api(server)).publish(pkg.archive());
        if (!pkg.sha256().equals(published.sha256())) {
            out.warn("the server computed sha256 " + published.sha256() + " but the local archive has " + pkg.sha256());
        }
        if (out.json()) {
            out.printJson(published);
        } else {
            out.println("Published " + out.green(published.name() + "@" + published.version()) + " ("
                    + Output.bytes(published.size()) + ", " + published.fileCount() + " files)");
            out.println("  sha256: " + published.sha256());
            out.info("Students start it with: progy init " + published.name());
        }
        return ExitCode.OK;
    }
}
