package io.progy.cli.progress;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;

/**
 * The network side of a {@link ProgressRepo}: fetches and pushes over smart HTTP with the credentials of a
 * {@link GitRemote}, which stay in memory (sent preemptively as HTTP Basic; the remote URL in {@code .git/config}
 * never carries them). When the server answers 401 the credentials are renewed once and the transfer repeated.
 * Failures become {@link Unreachable}: offline (exit 5) or not authorized (exit 6).
 */
final class RemoteSession {
    static final String REMOTE = "origin";
    static final String FETCH_SPEC = "+refs/heads/*:refs/remotes/origin/*";

    /** Why the repository could not be reached; local work is kept. */
    static final class Unreachable extends Exception {
        final boolean auth;

        Unreachable(boolean auth, String message, Throwable cause) {
            super(message, cause);
            this.auth = auth;
        }
    }

    /** How a push of one ref ended. */
    enum Pushed {
        DONE,
        /** The server has commits this push does not build on: fetch and integrate first. */
        BEHIND
    }

    private interface Transfer<T> {
        T run(CredentialsProvider credentials, int timeoutSeconds) throws GitAPIException;
    }

    private final Repository repository;
    private final GitRemote remote;
    private final Duration timeout;
    private GitAccess access;

    RemoteSession(Repository repository, GitRemote remote, Duration timeout) {
        this.repository = repository;
        this.remote = remote;
        this.timeout = timeout;
    }

    /** Obtains credentials (cached ones while they last) and points {@code origin} at the repository. */
    GitAccess connect() throws Unreachable, IOException {
        if (access == null || !access.validAt(Instant.now(), GitCredentialCache.RENEW_BEFORE)) {
            renew(false);
        }
        return access;
    }

    /** Fetches every branch of the repository into {@code refs/remotes/origin/*}. */
    void fetch() throws Unreachable, IOException {
        transfer((credentials, seconds) -> configure(Git.wrap(repository).fetch(), credentials, seconds)
                .setRemote(REMOTE)
                .setRefSpecs(new RefSpec(FETCH_SPEC))
                .call());
    }

    /** Pushes {@code localRef} to the same name on the server (never forced). */
    Pushed push(String localRef) throws Unreachable, IOException {
        Iterable<PushResult> results = transfer(
                (credentials, seconds) -> configure(Git.wrap(repository).push(), credentials, seconds)
                        .setRemote(REMOTE)
                        .setRefSpecs(new RefSpec(localRef + ":" + localRef))
                        .call());
        var refused = new ArrayList<String>();
        for (var result : results) {
            for (var update : result.getRemoteUpdates()) {
                switch (update.getStatus()) {
                    case OK, UP_TO_DATE -> {}
                    case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
                        return Pushed.BEHIND;
                    }
                    default -> refused.add(describe(update, result));
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new CliException(ExitCode.CONFLICT, "the server refused the upload: " + String.join("; ", refused));
        }
        return Pushed.DONE;
    }

    private static String describe(RemoteRefUpdate update, PushResult result) {
        var text = new StringBuilder(update.getRemoteName() + " " + update.getStatus());
        if (update.getMessage() != null) {
            text.append(" (").append(update.getMessage()).append(")");
        }
        var messages = result.getMessages();
        if (messages != null && !messages.isBlank()) {
            text.append(": ").append(messages.strip());
        }
        return text.toString();
    }

    private <T> T transfer(Transfer<T> transfer) throws Unreachable, IOException {
        connect();
        var seconds = (int) Math.max(1, timeout.toSeconds());
        for (int attempt = 0; ; attempt++) {
            var credentials = new PresetCredentials();
            try {
                return transfer.run(credentials, seconds);
            } catch (GitAPIException | JGitInternalException e) {
                if (credentials.rejected && attempt == 0) {
                    renew(true); // expired or revoked since it was cached: one fresh token, one more try
                    continue;
                }
                if (credentials.rejected) {
                    throw new Unreachable(
                            true, "the git server refused the credentials progy obtained for this course", e);
                }
                throw new Unreachable(false, networkProblem(e), e);
            }
        }
    }

    private void renew(boolean fresh) throws Unreachable, IOException {
        try {
            access = remote.access(fresh);
        } catch (CliException e) {
            throw new Unreachable(e.exitCode() == ExitCode.AUTH, e.getMessage(), e);
        }
        useUrl(access.url());
    }

    private <C extends TransportCommand<C, ?>> C configure(C command, CredentialsProvider credentials, int seconds) {
        var current = access;
        return command.setCredentialsProvider(credentials).setTimeout(seconds).setTransportConfigCallback(transport -> {
            if (transport instanceof TransportHttp http) {
                // Sent with the first request: saves the 401 round trip a challenge would cost.
                http.setPreemptiveBasicAuthentication(current.user(), current.token());
            }
        });
    }

    /** Points {@code origin} at {@code url} (no credentials in it) and makes {@code main} track it. */
    private void useUrl(String url) throws IOException {
        StoredConfig config = repository.getConfig();
        if (url.equals(config.getString("remote", REMOTE, "url"))) {
            return;
        }
        config.setString("remote", REMOTE, "url", url);
        config.setStringList("remote", REMOTE, "fetch", List.of(FETCH_SPEC));
        config.setString("branch", ProgressRepo.BRANCH, "remote", REMOTE);
        config.setString("branch", ProgressRepo.BRANCH, "merge", ProgressRepo.MAIN_REF);
        config.save();
    }

    private static String networkProblem(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "the progress repository's server refused the connection (is it running?)";
            }
            if (cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
                return "the progress repository's server cannot be reached (no network?)";
            }
            if (cause instanceof SocketTimeoutException) {
                return "the progress repository's server did not answer in time";
            }
        }
        var message = e.getMessage();
        return "the transfer failed: " + (message == null ? e.getClass().getSimpleName() : message);
    }

    /**
     * Hands JGit nothing of its own: the credentials go preemptively with each request. JGit asks a provider only
     * after the server answered 401, so being asked means the credentials were refused.
     */
    private static final class PresetCredentials extends CredentialsProvider {
        volatile boolean rejected;

        @Override
        public boolean isInteractive() {
            return false;
        }

        @Override
        public boolean supports(CredentialItem... items) {
            return true;
        }

        @Override
        public boolean get(URIish uri, CredentialItem... items) {
            rejected = true;
            return false;
        }
    }
}
