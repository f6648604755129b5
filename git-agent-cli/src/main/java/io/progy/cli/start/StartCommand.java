package io.progy.cli.start;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.learn.CourseDirOption;
import io.progy.cli.progress.BackgroundSync;
import io.progy.cli.progress.ProgressRepo;
import io.progy.cli.progress.ProgyToml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code progy start}: the local learning environment in the browser. */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = {
            "Open the course in your browser: the course map, each exercise's README with its files, a Run button"
                    + " with the output live, results with tests and diagnostics, hints, the quiz, your commits"
                    + " (Save, Sync), the setup checks and settings. Saving a file in your editor checks the exercise"
                    + " again and updates the page.",
            "In a workspace made by `progy init`, each first pass is committed and uploaded in the background, as"
                    + " with `progy watch`; Save and Sync are `progy save` and `progy sync`, and stopping syncs once"
                    + " more (for at most 10 s).",
            "The server listens on 127.0.0.1 only, answers only to the link printed here (it carries a secret for"
                    + " this run) and works offline; Ctrl+C stops it."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  progy start", "  progy start --port 3017 --no-open", "  progy start --dir java-intro"})
public final class StartCommand extends ProgyCommand {
    @Mixin
    CourseDirOption where;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Listen on this port of 127.0.0.1 (default: a free one).")
    int port;

    @Option(names = "--no-open", description = "Do not open a browser: only print the link.")
    boolean noOpen;

    @Override
    protected int run() throws Exception {
        if (port < 0 || port > 65535) {
            throw CliException.usage("--port must be between 0 and 65535, not " + port);
        }
        var out = output();
        try (var running = Running.start(
                where.start(context()), port, context().env(), context().err(), this::repository)) {
            var url = running.server().firstUrl();
            out.println("Progy is running at " + url);
            var opened = !noOpen && BrowserOpener.open(url, context().env());
            out.info(
                    opened
                            ? "Opened your browser. Press Ctrl+C to stop."
                            : "Open that link in your browser. Press Ctrl+C to stop.");
            context().out().flush();
            var stopped = new CountDownLatch(1);
            var hook = new Thread(
                    () -> {
                        running.close(); // Ctrl+C: the last sync, then the server stops
                        out.info("Stopped.");
                        context().err().flush();
                        stopped.countDown();
                    },
                    "progy-start-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stopped.await(); // until Ctrl+C (the hook) or an interrupt (tests, embedding)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                return ExitCode.OK; // shutting down: the hook stops everything and says so
            }
            running.close();
            out.info("Stopped.");
        }
        return ExitCode.OK;
    }

    /**
     * The git panel's repository: a workspace made by {@code progy init} syncs with the student's progress
     * repository (and commits each first pass); any other course directory is shown as it is, locally.
     */
    private ProgressGit repository(Path root) {
        if (Files.isRegularFile(root.resolve(ProgyToml.FILE_NAME)) && ProgressRepo.exists(root)) {
            try {
                var repo = progressRepo(root, root().serverOptions(), ProgressRepo.DEFAULT_TIMEOUT)
                        .orElseThrow();
                return RepoProgressGit.open(repo, output(), BackgroundSync.interval(context()));
            } catch (IOException | RuntimeException e) {
                output().warn("your work will not be synced from here: " + e.getMessage());
            }
        }
        return LocalProgressGit.open(root);
    }
}
