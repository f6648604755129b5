package io.progy.cli.progress;

/**
 * Where a working copy's progress repository is and how to get in: the one thing {@link ProgressRepo} asks of the
 * outside world. Failures are {@link io.progy.cli.CliException}s with the exit codes of PRODUCT.md: 5 when the
 * server cannot be reached, 6 when there is no usable login.
 */
public interface GitRemote {
    /**
     * Credentials for the repository, creating the repository first when the server has none yet.
     *
     * @param renew true to ask the server for fresh ones even if cached ones look valid (after a 401)
     */
    GitAccess access(boolean renew);

    /** A remote that is never reachable: for work that stays on this computer. */
    GitRemote NONE = renew -> {
        throw io.progy.cli.CliException.notLoggedIn();
    };
}
