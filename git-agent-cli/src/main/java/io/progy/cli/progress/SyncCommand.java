package io.progy.cli.progress;

import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import io.progy.cli.learn.CourseDirOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code progy sync}: brings this device and the progress repository together. */
@Command(
        name = "sync",
        mixinStandardHelpOptions = true,
        description = {
            "Synchronise this device with your progress repository: commit pending work (nothing is lost), take"
                    + " the work your other devices uploaded, put this device's commits on top (git pull --rebase)"
                    + " and upload them.",
            "When both devices changed the same files, sync keeps this device's commits on a branch"
                    + " progy/conflict-<time> (uploaded too), makes your files the server's version, lists the files"
                    + " that differ and exits 3. Then choose: --resolve ours keeps this device's version of those"
                    + " files, --resolve theirs keeps the server's (what your files show, with any edits you made by"
                    + " hand); either way the branch is joined back into your history.",
            "Exit 0 in sync, 3 on a conflict, 5 when the server cannot be reached, 6 when not logged in."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  progy sync", "  progy sync --resolve ours", "  progy sync --format json"})
public final class SyncCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Mixin
    CourseDirOption where;

    @Option(
            names = "--resolve",
            paramLabel = "ours|theirs",
            description = "Resolve the pending conflict: keep this device's version (ours) or the server's (theirs).")
    ProgressRepo.Side resolve;

    @Override
    protected int run() throws Exception {
        var out = output();
        var root = WorkspaceRoots.find(where.start(context()));
        try (var repo = WorkspaceRoots.requireRepo(root, progressRepo(root, server, ProgressRepo.DEFAULT_TIMEOUT))) {
            var result = new LinkedHashMap<String, Object>();
            SyncResult sync;
            if (resolve != null) {
                var resolution = repo.resolve(resolve);
                sync = resolution.sync();
                result.put("resolved", resolution.branches());
                result.put("kept", resolve.name().toLowerCase(Locale.ROOT));
                result.put("files", resolution.files());
                if (!out.json()) {
                    out.println(
                            resolution.branches().isEmpty()
                                    ? "No conflict to resolve."
                                    : "Resolved " + String.join(", ", resolution.branches()) + ": kept "
                                            + (resolve == ProgressRepo.Side.OURS ? "this device's" : "the server's")
                                            + " version of "
                                            + resolution.files().size()
                                            + (resolution.files().size() == 1 ? " file." : " files."));
                }
            } else {
                sync = repo.sync();
            }
            if (sync.received() > 0) {
                CommittedPasses.record(root, repo);
            }
            var pending = repo.pendingConflicts();
            if (out.json()) {
                result.putAll(SyncReport.json(sync));
                result.put("unpushed_commits", repo.unpushedCount());
                result.put("pending_conflicts", pending);
                out.printJson(result);
            } else {
                SyncReport.print(out, sync);
                if (!pending.isEmpty() && !(sync instanceof SyncResult.Conflicted)) {
                    out.println(
                            "Still to resolve: " + String.join(", ", pending) + " (progy sync --resolve ours|theirs).");
                }
            }
            return SyncReport.exitCode(sync);
        }
    }
}
