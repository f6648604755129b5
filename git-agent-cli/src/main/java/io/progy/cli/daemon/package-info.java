/**
 * The background process that keeps the CLI warm ({@code progy daemon}). A cold JVM spends most of a short
 * command loading classes and compiling; {@code bin/progy} instead hands non-interactive commands (see
 * {@link io.progy.cli.daemon.DaemonProtocol#COMMANDS}) to a long-running JVM of the same jar over loopback TCP.
 *
 * <p>Rendezvous: {@link io.progy.cli.daemon.DaemonPaths} names a directory only this user may enter
 * ({@code $PROGY_DAEMON_DIR}, else {@code $XDG_RUNTIME_DIR/progy}, else {@code /tmp/progy-<uid>}) holding, per
 * jar, an info file (port, secret, pid; mode 0600), a lock held for the process's life and its log. Every request
 * carries the secret; the process exits after {@code $PROGY_DAEMON_IDLE_MINUTES} (default 60) without requests,
 * when its jar is rebuilt, or on {@code progy daemon stop}. {@code PROGY_DAEMON=off} keeps every command in its
 * own JVM.
 */
package io.progy.cli.daemon;
