package io.progy.cli.init;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.Output;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import io.progy.cli.cache.ArtifactCache;
import io.progy.cli.http.TransferListener;
import io.progy.cli.learn.CourseDirOption;
import io.progy.cli.progress.CourseUpdate;
import io.progy.cli.progress.IgnoreRules;
import io.progy.cli.progress.ProgressRepo;
import io.progy.cli.progress.ProgyToml;
import io.progy.cli.progress.SyncReport;
import io.progy.cli.progress.SyncResult;
import io.progy.cli.progress.WorkspaceRoots;
import io.progy.cli.registry.CourseRef;
import io.progy.cli.registry.RegistryApi;
import io.progy.format.ProgressState;
import io.progy.format.SemVer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code progy update}: merges a newer version of the course into the student's work. */
@Command(
        name = "update",
        mixinStandardHelpOptions = true,
        description = {
            "Take a newer version of the course without losing your work.",
            "Downloads and verifies the newest version in range (default: compatible with the installed one, ^X.Y.Z;"
                    + " yanked versions are skipped) and merges it into your work, like git merge: files you never"
                    + " touched take the new version, your changes stay, files both changed are merged line by line."
                    + " The course's own files (READMEs, info.toml, quiz.json, runner/) always take the new version."
                    + " New exercises appear; removed exercises you worked in are kept.",
            "The update is one commit \"update: OLD -> NEW\", uploaded like a save. On a real conflict the files get"
                    + " standard conflict markers and update exits 3: fix them and run `progy update` again to finish,"
                    + " or `progy update --abort` to go back to before the update.",
            "Each installed version is kept on this computer as a commit on refs/progy/upstream (not uploaded);"
                    + " when it is missing, update rebuilds it from the package of the version in progy.toml."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  progy update --dry-run", "  progy update", "  progy update --to ^2", "  progy update --abort"})
public final class UpdateCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Mixin
    CourseDirOption where;

    @Option(names = "--to", paramLabel = "RANGE", description = "The version or range to update to.")
    String to;

    @Option(names = "--dry-run", description = "Show what would change; change nothing.")
    boolean dryRun;

    @Option(names = "--abort", description = "Undo an update left with conflicts.")
    boolean abort;

    @Override
    protected int run() throws Exception {
        if (to != null && !SemVer.isValidRange(to)) {
            throw CliException.usage("not a version or range: " + to);
        }
        var out = output();
        var root = WorkspaceRoots.find(where.start(context()));
        var settings = ProgyToml.read(root);
        var rules = rules(root);
        try (var repo = WorkspaceRoots.requireRepo(root, progressRepo(root, server, ProgressRepo.DEFAULT_TIMEOUT))) {
            var report = new Report(settings.course(), settings.version());
            var pending = repo.pendingUpdate();
            if (abort) {
                if (pending.isEmpty()) {
                    throw CliException.usage("no update in progress");
                }
                repo.abortUpdate(pending.get(), rules);
                report.status = "aborted";
                report.to = pending.get().to();
                report.from = pending.get().from();
                return report.print(out, ExitCode.OK);
            }
            if (pending.isPresent()) {
                return finish(out, root, repo, pending.get(), report, rules);
            }
            var fetcher = new CourseFetcher(ArtifactCache.of(context()), out, () -> TransferListener.NONE);
            var registry = new RegistryApi(api(server));
            var range = to != null ? to : "^" + settings.version();
            var next = fetcher.online(registry, CourseRef.parseWithRange(settings.course() + "@" + range));
            report.to = next.version();
            if (SemVer.ORDER.compare(next.version(), settings.version()) <= 0) {
                report.status = "up_to_date";
                report.range = range;
                return report.print(out, ExitCode.OK);
            }
            var oldUpstream = repo.upstream();
            if (oldUpstream == null || !settings.version().equals(repo.upstreamVersion())) {
                // Missing (an older workspace) or behind progy.toml (an update synced from another computer).
                var installed = fetcher.online(
                        registry, CourseRef.parseWithRange(settings.course() + "@" + settings.version()));
                if (!settings.sha256().isBlank() && !installed.sha256().equalsIgnoreCase(settings.sha256())) {
                    throw CliException.conflict("the registry's " + settings.course() + "@" + settings.version()
                            + " differs from the installed one (sha256); cannot merge safely");
                }
                oldUpstream = Workspace.packageCommit(root, repo, installed, !dryRun);
            }
            var newUpstream = Workspace.packageCommit(root, repo, next, false);
            report.plan(repo.planUpdate(oldUpstream, newUpstream, rules), repo.completedLessons());
            if (dryRun) {
                report.status = "planned";
                return report.print(out, ExitCode.OK);
            }
            var from = settings.version();
            var conflicts = repo.update(oldUpstream, newUpstream, from, next.version(), rules, () -> new ProgyToml(
                            settings.course(), next.version(), next.sha256(), settings.server(), settings.repoUrl())
                    .write(root));
            if (!conflicts.isEmpty()) {
                report.status = "conflicts";
                report.conflicts = conflicts;
                return report.print(out, ExitCode.CONFLICT);
            }
            report.status = "updated";
            flagRerun(root, report.rerun);
            report.commit = repo.head().abbreviate(7).name();
            report.sync = repo.upload();
            return report.print(out, SyncReport.exitCode(report.sync));
        }
    }

    private static int finish(
            Output out, Path root, ProgressRepo repo, CourseUpdate.Pending pending, Report report, IgnoreRules rules)
            throws IOException {
        report.from = pending.from();
        report.to = pending.to();
        var marked = new ArrayList<String>();
        try (var files = Files.walk(root)) {
            for (var file : files.filter(Files::isRegularFile)
                    .filter(file -> !root.relativize(file).startsWith(".git"))
                    .toList()) {
                if (hasMarkers(file)) {
                    marked.add(root.relativize(file).toString().replace('\\', '/'));
                }
            }
        }
        if (!marked.isEmpty()) {
            report.status = "unresolved";
            report.conflicts = marked.stream().sorted().toList();
            return report.print(out, ExitCode.CONFLICT);
        }
        report.status = "updated";
        report.plan(repo.planUpdate(pending.oldUpstream(), pending.newUpstream(), rules), repo.completedLessons());
        flagRerun(root, report.rerun);
        report.commit = repo.finishUpdate(pending).abbreviate(7).name();
        report.sync = repo.upload();
        return report.print(out, SyncReport.exitCode(report.sync));
    }

    /**
     * Flags the passed exercises whose files the update changed ({@code content/<module>/<exercise>}): they stay
     * done, and `status` and `list` ask for their check to run again.
     */
    private static void flagRerun(Path root, List<String> exerciseDirs) throws IOException {
        if (exerciseDirs.isEmpty()) {
            return;
        }
        var state = ProgressState.load(root);
        for (var dir : exerciseDirs) {
            state = state.withRerun(dir.substring(dir.indexOf('/') + 1));
        }
        state.save(root);
    }

    private static boolean hasMarkers(Path file) {
        try {
            if (Files.size(file) > (1 << 20)) {
                return false;
            }
            var text = Files.readString(file, StandardCharsets.UTF_8);
            return text.startsWith("<<<<<<< ") || text.contains("\n<<<<<<< ");
        } catch (IOException | java.io.UncheckedIOException e) {
            return false; // binary or unreadable: not a merged text file
        }
    }

    /** What an update did or would do, printed as text or, with {@code --format json}, as one object. */
    private static final class Report {
        final String course;
        String from;
        String to;
        String range;
        /** aborted, up_to_date, planned, conflicts, unresolved (markers left), updated */
        String status;

        CourseUpdate.Plan plan;
        List<String> rerun = List.of();
        List<String> conflicts = List.of();
        String commit;
        SyncResult sync;

        Report(String course, String from) {
            this.course = course;
            this.from = from;
        }

        void plan(CourseUpdate.Plan plan, java.util.Set<String> passed) {
            this.plan = plan;
            this.rerun = plan.changedExercises().stream()
                    .filter(dir -> passed.contains(dir.substring("content/".length())))
                    .toList();
        }

        int print(Output out, int exitCode) {
            if (out.json()) {
                var json = new LinkedHashMap<String, Object>();
                json.put("course", course);
                json.put("from", from);
                json.put("to", to);
                json.put("status", status);
                if (plan != null) {
                    json.put(
                            "changes",
                            plan.changes().stream()
                                    .map(c -> Map.of("path", c.path(), "action", c.action()))
                                    .toList());
                    json.put("new_exercises", plan.newExercises());
                    json.put("removed_exercises", plan.removedExercises());
                    json.put("kept_exercises", plan.keptExercises());
                    json.put("rerun_exercises", rerun);
                }
                json.put("conflicts", status.equals("planned") && plan != null ? plan.conflicts() : conflicts);
                json.put("commit", commit);
                json.put("sync", sync == null ? null : SyncReport.json(sync));
                out.printJson(json);
                return exitCode;
            }
            switch (status) {
                case "aborted" -> out.println("Update aborted: back to " + from + " as before the update.");
                case "up_to_date" ->
                    out.println(course + "@" + from + " is up to date (newest in " + range + ": " + to + ").");
                case "unresolved" -> {
                    out.println("The update to " + to + " still has conflict markers in:");
                    conflicts.forEach(file -> out.println("  " + file));
                    out.println("Fix them and run `progy update` again, or `progy update --abort` to undo.");
                }
                default -> {
                    if (plan != null) {
                        out.println((status.equals("planned") ? "Would update " : "Updating ") + course + " " + from
                                + " -> " + to);
                        printPlan(out);
                    }
                    if (status.equals("conflicts")) {
                        out.println(
                                "Conflicts: you and the course changed the same lines. Fix the <<<<<<< markers in:");
                        conflicts.forEach(file -> out.println("  " + file));
                        out.println("then run `progy update` again to finish, or `progy update --abort` to undo.");
                    } else if (status.equals("updated")) {
                        out.println("Updated: update: " + from + " -> " + to + " (" + commit + ")");
                        SyncReport.print(out, sync);
                    }
                }
            }
            return exitCode;
        }

        private void printPlan(Output out) {
            if (plan.changes().isEmpty()) {
                out.println("  (none of your files change)");
            }
            for (var change : plan.changes()) {
                out.println("  " + change.action() + "  " + change.path());
            }
            list(out, "New exercises", plan.newExercises());
            list(out, "Removed exercises", plan.removedExercises());
            list(out, "Kept (removed from the course, but they hold your work)", plan.keptExercises());
            list(out, "Passed exercises whose files changed: run their check again (progy test)", rerun);
            list(out, "Conflicts (left with markers)", plan.conflicts());
        }

        private static void list(Output out, String title, List<String> items) {
            if (!items.isEmpty()) {
                out.println(title + ":");
                items.forEach(item -> out.println("  " + item));
            }
        }
    }

    static IgnoreRules rules(Path root) throws IOException {
        var file = root.resolve(".gitignore");
        return IgnoreRules.parse(
                Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : Workspace.GITIGNORE);
    }
}
