package io.progy.cli.start;

import io.progy.cli.learn.LearningSession;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of {@code progy start}: the learning session, the git panel's repository, the live events and the HTTP
 * server, started together and stopped together (once, whoever asks first: Ctrl+C or the command itself). Stopping
 * syncs one last time, for at most {@value #FINAL_SYNC_SECONDS} s, so that Ctrl+C never hangs.
 *
 * @param session the course and its checks
 * @param git the progress repository
 * @param events the pages' event streams
 * @param server the HTTP server
 */
record Running(
        LearningSession session,
        ProgressGit git,
        EventHub events,
        LearnServer server,
        AtomicBoolean closed,
        PrintStream err)
        implements AutoCloseable {
    static final int FINAL_SYNC_SECONDS = 10;

    /** How the git panel's repository is opened for a course directory. */
    interface Repositories {
        ProgressGit open(Path root);
    }

    /**
     * Opens the course in or above {@code start} and serves it on 127.0.0.1:{@code port}, with the git panel's
     * repository from {@code repositories} (each first pass is committed there).
     */
    static Running start(Path start, int port, Map<String, String> env, PrintStream err, Repositories repositories)
            throws IOException {
        var events = new EventHub();
        var opened = new AtomicReference<ProgressGit>();
        var session = LearningSession.open(start, env, err, LearnApi.relay(events, exercise -> {
            var git = opened.get();
            if (git != null) {
                git.passed(exercise); // committed and uploaded in the background
            }
        }));
        ProgressGit git = null;
        try {
            git = repositories.open(session.root());
            opened.set(git);
            var server = LearnServer.start(port);
            new LearnApi(session, git, events, env).register(server);
            return new Running(session, git, events, server, new AtomicBoolean(), err);
        } catch (IOException | RuntimeException e) {
            session.close();
            if (git != null) {
                git.close();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            var sync = CompletableFuture.supplyAsync(git::finalSync);
            var outcome = sync.get(FINAL_SYNC_SECONDS, TimeUnit.SECONDS);
            if (!outcome.ok()) {
                err.println("progy: " + outcome.message());
            }
        } catch (Exception e) {
            err.println("progy: the last sync did not finish: " + e.getMessage());
        }
        events.close();
        server.close();
        session.close();
        git.close();
        err.flush();
    }
}
