package io.progy.cli.start;

import io.progy.cli.learn.LearningSession;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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

    /** Opens the course in or above {@code start} and serves it on 127.0.0.1:{@code port}. */
    static Running start(Path start, int port, Map<String, String> env, PrintStream err) throws IOException {
        var events = new EventHub();
        var session = LearningSession.open(start, env, err, LearnApi.relay(events));
        ProgressGit git = null;
        try {
            git = LocalProgressGit.open(session.root());
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
