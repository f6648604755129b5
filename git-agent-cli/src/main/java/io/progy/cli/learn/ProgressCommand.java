package io.progy.cli.learn;

import io.progy.cli.ExitCode;
import io.progy.cli.Output;
import io.progy.cli.ProgyCommand;
import io.progy.cli.http.HttpApi;
import io.progy.cli.init.UpdateNotice;
import io.progy.cli.progress.CommittedPasses;
import io.progy.cli.progress.GitRemote;
import io.progy.cli.progress.ProgressRepo;
import io.progy.cli.progress.ProgyToml;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code progy status} and {@code progy list}: the same progress report, printed as a summary or a list. */
abstract class ProgressCommand extends ProgyCommand {
    @Mixin
    CourseDirOption where;

    @Option(names = "--json", description = "Print the progress as JSON.")
    boolean json;

    @Mixin
    io.progy.cli.ServerOptions server;

    /** Whether the text report ends with a notice of a newer course version ({@link UpdateNotice}). */
    boolean showsUpdates() {
        return false;
    }

    /** Prints the report as text. */
    abstract void print(ProgressReport report, Output out);

    @Override
    protected int run() throws Exception {
        var out = output();
        var course = StudentCourse.open(where.start(context()));
        ProgressReport.GitStatus git = null;
        if (StudentCourse.isWorkspace(course.root())) {
            try (var repo = ProgressRepo.open(course.root(), GitRemote.NONE, ProgressRepo.DEFAULT_TIMEOUT)) {
                if (CommittedPasses.record(course.root(), repo) > 0) {
                    course = StudentCourse.open(course.root()); // passes made on another device count here too
                }
                git = new ProgressReport.GitStatus(repo.unpushedCount(), repo.pendingConflicts());
            }
        }
        var report = ProgressReport.of(course, git);
        if (json || out.json()) {
            out.printJson(report);
        } else {
            print(report, out);
            if (showsUpdates() && StudentCourse.isWorkspace(course.root())) {
                var settings = ProgyToml.read(course.root());
                var url = server.urlFor(context(), settings.server());
                UpdateNotice.newer(course.root(), settings, new HttpApi(url, token(url), out, UpdateNotice.TIMEOUT))
                        .ifPresent(version -> out.println("A newer version of the course is out: " + version
                                + " (see `progy update --dry-run`)."));
            }
        }
        return ExitCode.OK;
    }
}
