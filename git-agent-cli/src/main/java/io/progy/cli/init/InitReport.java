package io.progy.cli.init;

import io.progy.cli.Output;
import io.progy.cli.progress.SyncReport;
import io.progy.cli.progress.SyncResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/** What {@code progy init} prints: the course started, and where the student's progress is kept. */
final class InitReport {
    private InitReport() {}

    static void print(Output out, Path target, FetchedCourse fetched, Workspace.Outcome outcome, String localReason) {
        var settings = outcome instanceof Workspace.Outcome.Restored restored
                ? restored.settings()
                : ((Workspace.Outcome.Started) outcome).settings();
        var upload = outcome instanceof Workspace.Outcome.Started started
                ? started.upload()
                : java.util.Optional.<SyncResult>empty();
        if (out.json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("name", settings.course());
            result.put("version", settings.version());
            result.put("sha256", settings.sha256());
            result.put("path", target.toString());
            result.put("server", settings.server());
            result.put("from_cache", fetched.fromCache() && settings.version().equals(fetched.version()));
            result.put("repo_url", settings.repoUrl().isEmpty() ? null : settings.repoUrl());
            result.put("restored", outcome instanceof Workspace.Outcome.Restored);
            if (outcome instanceof Workspace.Outcome.Restored restored) {
                result.put("commits", restored.commits());
                result.put("passes", restored.passes());
            }
            result.put("sync", upload.map(SyncReport::json).orElse(null));
            out.printJson(result);
            return;
        }
        out.println("Started " + out.green(settings.course() + "@" + settings.version()) + " in " + target);
        if (outcome instanceof Workspace.Outcome.Restored restored) {
            out.info("Restored your work from your progress repository: " + restored.commits()
                    + (restored.commits() == 1 ? " commit, " : " commits, ") + restored.passes()
                    + (restored.passes() == 1 ? " exercise" : " exercises") + " done.");
            if (!settings.version().equals(fetched.version())) {
                out.info("Your work was made with version " + settings.version() + ", so init installed that one" + " ("
                        + fetched.version() + " is the newest).");
            }
        } else if (upload.isPresent() && SyncReport.exitCode(upload.get()) == 0) {
            out.info("Your progress repository: " + settings.repoUrl() + " (every pass is committed and uploaded).");
        } else {
            var reason = upload.map(SyncReport::reason).orElse(localReason);
            out.info("Your work stays on this computer for now" + (reason == null ? "" : " (" + reason + ")")
                    + ": `progy sync` uploads it once you are logged in and online.");
        }
        out.info("Next: cd " + target + " and read content/ in order; your work is committed to Git.");
    }
}
