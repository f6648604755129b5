package io.progy.cli.progress;

import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import io.progy.cli.learn.CourseDirOption;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code progy save}: commits the student's changes and uploads them. */
@Command(
        name = "save",
        mixinStandardHelpOptions = true,
        description = {
            "Commit everything you changed in the course (new, changed and deleted files; the course's own files"
                    + " — READMEs, info.toml, quiz.json, runner/ — stay out, see .gitignore) and upload it to your"
                    + " progress repository.",
            "If another device uploaded work meanwhile, save takes it first and puts your commits on top (as"
                    + " `progy sync` does). Offline or logged out, the commit stays on this computer and the next"
                    + " save, sync or pass uploads it.",
            "Exit 0 when uploaded, 3 on a conflict (see `progy sync --help`), 5 when the server cannot be"
                    + " reached, 6 when not logged in: in every case your work is committed."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  progy save", "  progy save -m \"Try a faster loop\"", "  progy save --format json"})
public final class SaveCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Mixin
    CourseDirOption where;

    @Option(
            names = {"-m", "--message"},
            paramLabel = "TEXT",
            description = "The commit message (default: \"" + ProgressRepo.SAVE_MESSAGE + "\").")
    String message;

    @Override
    protected int run() throws Exception {
        if (message != null && message.isBlank()) {
            throw io.progy.cli.CliException.usage("the commit message is empty");
        }
        var out = output();
        var root = WorkspaceRoots.find(where.start(context()));
        try (var repo = WorkspaceRoots.requireRepo(root, progressRepo(root, server, ProgressRepo.DEFAULT_TIMEOUT))) {
            var text = message == null ? ProgressRepo.SAVE_MESSAGE : message.strip();
            var commit = repo.save(text);
            var sync = repo.upload();
            if (sync.received() > 0) {
                CommittedPasses.record(root, repo);
            }
            if (out.json()) {
                var result = new LinkedHashMap<String, Object>();
                result.put("committed", commit.isPresent());
                result.put("commit", commit.map(id -> id.name()).orElse(null));
                result.put("message", commit.isPresent() ? text : null);
                result.put("sync", SyncReport.json(sync));
                result.put("unpushed_commits", repo.unpushedCount());
                out.printJson(result);
            } else {
                out.println(commit.map(
                                id -> "Saved: " + text + " (" + id.abbreviate(7).name() + ")")
                        .orElse("Nothing to save: no changes since the last commit."));
                SyncReport.print(out, sync);
            }
            return SyncReport.exitCode(sync);
        }
    }
}
