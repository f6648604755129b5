package io.progy.cli.portfolio;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Pushes a workspace's branch {@code main}, its whole history, to a portfolio repository over HTTPS with a token as
 * basic auth. The URL and the credentials live in memory only: no remote is configured, no remote-tracking ref is
 * written, nothing reaches {@code .git/config}. A portfolio whose {@code main} has commits the workspace lacks
 * (diverged) is never overwritten unless {@code force}.
 */
final class PortfolioPush {
    static final String BRANCH = Constants.R_HEADS + "main";

    /** What the push did: the commit the portfolio now has, what it had before (null: nothing), and how. */
    record Outcome(String head, String before, boolean upToDate, boolean forced) {}

    private PortfolioPush() {}

    /**
     * @param workspace the workspace root (a Git repository with branch {@code main})
     * @param url the portfolio's clone URL: HTTPS, or HTTP only to this machine
     */
    static Outcome push(Path workspace, URI url, String user, String token, boolean force) throws IOException {
        requireSafe(url);
        var credentials = new UsernamePasswordCredentialsProvider(user, token);
        try (Git git = Git.open(workspace.toFile())) {
            Repository repo = git.getRepository();
            ObjectId head = repo.resolve(BRANCH);
            if (head == null) {
                throw CliException.conflict(
                        "the workspace " + workspace + " has no branch main with commits to publish");
            }
            ObjectId remote = remoteMain(git, url, credentials);
            if (head.equals(remote)) {
                return new Outcome(head.name(), remote.name(), true, false);
            }
            boolean diverged = remote != null && !contains(repo, head, remote);
            if (diverged && !force) {
                throw CliException.conflict("your portfolio " + url + " has commits that are not in this"
                        + " workspace (its main is at " + remote.name().substring(0, 12) + "): it was changed"
                        + " elsewhere. Nothing was pushed. Run `progy portfolio --github --force` to replace its"
                        + " history with the workspace's.");
            }
            RemoteRefUpdate update = pushMain(git, url, credentials, diverged);
            switch (update.getStatus()) {
                case OK, UP_TO_DATE -> {
                    return new Outcome(head.name(), remote == null ? null : remote.name(), false, diverged);
                }
                case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED ->
                    throw CliException.conflict(
                            "your portfolio " + url + " changed while pushing; run `progy portfolio --github` again");
                default ->
                    throw new CliException(
                            ExitCode.FAILURE,
                            "the portfolio " + url + " refused the push (" + update.getStatus() + ")"
                                    + (update.getMessage() == null ? "" : ": " + update.getMessage()));
            }
        } catch (TransportException e) {
            throw new CliException(
                    ExitCode.UNAVAILABLE, "could not push to the portfolio " + url + ": " + e.getMessage(), e);
        } catch (GitAPIException e) {
            throw new IOException("git: " + e.getMessage(), e);
        }
    }

    /** The portfolio's {@code main}, or null when it has none (a new, empty repository). */
    private static ObjectId remoteMain(Git git, URI url, UsernamePasswordCredentialsProvider credentials)
            throws GitAPIException {
        for (Ref ref : git.lsRemote()
                .setRemote(url.toString())
                .setCredentialsProvider(credentials)
                .setHeads(true)
                .call()) {
            if (ref.getName().equals(BRANCH)) {
                return ref.getObjectId();
            }
        }
        return null;
    }

    /** Whether {@code remote} is a commit of the workspace's history up to {@code head} (a fast-forward). */
    private static boolean contains(Repository repo, ObjectId head, ObjectId remote) throws IOException {
        if (!repo.getObjectDatabase().has(remote)) {
            return false;
        }
        try (var walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(remote), walk.parseCommit(head));
        } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            return false;
        }
    }

    private static RemoteRefUpdate pushMain(
            Git git, URI url, UsernamePasswordCredentialsProvider credentials, boolean force) throws GitAPIException {
        Iterable<PushResult> results = git.push()
                .setRemote(url.toString())
                .setCredentialsProvider(credentials)
                .setRefSpecs(new RefSpec((force ? "+" : "") + BRANCH + ":" + BRANCH))
                .setAtomic(false)
                .call();
        for (PushResult result : results) {
            RemoteRefUpdate update = result.getRemoteUpdate(BRANCH);
            if (update != null) {
                return update;
            }
        }
        throw new IllegalStateException("git push reported nothing for " + BRANCH);
    }

    /** A token goes over HTTPS, or over HTTP only to this machine (a local test host). */
    private static void requireSafe(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && isLoopback(url.getHost())) {
            return;
        }
        throw new CliException(
                ExitCode.FAILURE,
                "the server gave a portfolio URL that is not HTTPS (" + url + "); refusing to send your GitHub token"
                        + " there");
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
