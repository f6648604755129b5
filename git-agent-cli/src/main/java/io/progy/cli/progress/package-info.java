/**
 * Git-backed progress: each student's working copy is a Git repository (branch {@code main}) tied to their personal
 * progress repository on the server. {@code ProgressRepo} owns all JGit use on a working copy (commit on pass, save,
 * sync with rebase and conflict branches, resolve), serialized by {@code WorkingCopyLock} across threads and
 * processes; {@code RemoteSession} moves commits over smart HTTP with short-lived credentials that
 * {@code ServerGitRemote} obtains from {@code POST /v1/git/credentials} and {@code GitCredentialCache} keeps in
 * {@code $PROGY_HOME}; {@code SaveCommand}, {@code SyncCommand} and {@code BackgroundSync} (for watch) are its users.
 */
package io.progy.cli.progress;
