package io.progy.cli.progress;

import io.progy.cli.ExitCode;
import io.progy.cli.Output;
import io.progy.cli.progress.SyncResult.Conflicted;
import io.progy.cli.progress.SyncResult.FastForwarded;
import io.progy.cli.progress.SyncResult.Offline;
import io.progy.cli.progress.SyncResult.Pushed;
import io.progy.cli.progress.SyncResult.Rebased;
import io.progy.cli.progress.SyncResult.Unauthorized;
import io.progy.cli.progress.SyncResult.UpToDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a {@link SyncResult} reads: one line or a conflict's full explanation, its JSON form and its exit code. */
public final class SyncReport {
    private SyncReport() {}

    /** 0 when in sync, 3 on a conflict, 5 offline, 6 without a usable login. */
    public static int exitCode(SyncResult result) {
        if (result instanceof Conflicted) {
            return ExitCode.CONFLICT;
        }
        if (result instanceof Offline) {
            return ExitCode.UNAVAILABLE;
        }
        return result instanceof Unauthorized ? ExitCode.AUTH : ExitCode.OK;
    }

    /** Why the server was not reached, or null when it was. */
    public static String reason(SyncResult result) {
        if (result instanceof Offline offline) {
            return offline.reason();
        }
        return result instanceof Unauthorized unauthorized ? unauthorized.reason() : null;
    }

    /** One line for a person (a conflict gets {@link #conflictLines} besides). */
    public static String line(SyncResult result) {
        if (result instanceof UpToDate) {
            return "Everything is uploaded; the server has nothing new.";
        }
        if (result instanceof Pushed pushed) {
            return "Uploaded " + commits(pushed.commits()) + " to your progress repository.";
        }
        if (result instanceof FastForwarded forwarded) {
            return "Took " + commits(forwarded.received()) + " from your other devices.";
        }
        if (result instanceof Rebased rebased) {
            return "Took " + commits(rebased.received()) + " from your other devices and uploaded "
                    + commits(rebased.replayed()) + " of yours on top of them.";
        }
        if (result instanceof Conflicted conflicted) {
            return "Sync conflict: your work on this device is kept on branch " + conflicted.branch() + ".";
        }
        var unpushed = result instanceof Offline offline ? offline.unpushed() : ((Unauthorized) result).unpushed();
        return "Not uploaded: " + reason(result) + ". Your work is committed on this computer (" + commits(unpushed)
                + " not yet uploaded); `progy sync` uploads it once you are "
                + (result instanceof Unauthorized ? "logged in." : "online.");
    }

    /** What a conflict means and how to resolve it, line by line. */
    public static List<String> conflictLines(Conflicted conflicted) {
        var lines = new ArrayList<String>();
        lines.add("Sync conflict: this device and another one changed the same work.");
        lines.add("Nothing is lost: this device's commits are on branch " + conflicted.branch()
                + " (uploaded too), and your files now show the version from the server.");
        if (!conflicted.files().isEmpty()) {
            lines.add("Files that differ from this device's version:");
            for (var file : conflicted.files()) {
                lines.add("  " + file.path() + (file.changedOnBoth() ? "  (changed on both devices)" : ""));
            }
        }
        lines.add("Resolve it with one of:");
        lines.add("  progy sync --resolve ours     keep this device's version of these files");
        lines.add("  progy sync --resolve theirs   keep the server's version (the files as they are now)");
        lines.add("or by hand: `git show " + conflicted.branch()
                + ":<file>` shows this device's version; edit the files, then run `progy sync --resolve theirs`.");
        return lines;
    }

    /** Prints the result on stdout (a conflict in full). */
    public static void print(Output out, SyncResult result) {
        if (result instanceof Conflicted conflicted) {
            conflictLines(conflicted).forEach(out::println);
        } else {
            out.println(line(result));
        }
    }

    /** Notes the result on stderr, for commands whose stdout is something else (test, watch, init). */
    public static void note(Output out, SyncResult result) {
        if (result instanceof Conflicted conflicted) {
            conflictLines(conflicted).forEach(line -> out.warn(line));
        } else if (exitCode(result) == ExitCode.OK) {
            out.info(line(result));
        } else {
            out.warn(line(result));
        }
    }

    /** The result as JSON: {@code status} and the counts, branch, files or reason that go with it. */
    public static Map<String, Object> json(SyncResult result) {
        var json = new LinkedHashMap<String, Object>();
        json.put("status", status(result));
        json.put("pushed", result instanceof Pushed p ? p.commits() : result instanceof Rebased r ? r.replayed() : 0);
        json.put("received", result.received());
        if (result instanceof Conflicted conflicted) {
            json.put("branch", conflicted.branch());
            json.put("files", conflicted.files());
        }
        if (reason(result) != null) {
            json.put("reason", reason(result));
            json.put(
                    "unpushed_commits",
                    result instanceof Offline o ? o.unpushed() : ((Unauthorized) result).unpushed());
        }
        return json;
    }

    private static String status(SyncResult result) {
        if (result instanceof UpToDate) {
            return "up_to_date";
        }
        if (result instanceof Pushed) {
            return "pushed";
        }
        if (result instanceof FastForwarded) {
            return "fast_forwarded";
        }
        if (result instanceof Rebased) {
            return "rebased";
        }
        if (result instanceof Conflicted) {
            return "conflicted";
        }
        return result instanceof Offline ? "offline" : "unauthorized";
    }

    static String commits(int count) {
        return count + (count == 1 ? " commit" : " commits");
    }
}
