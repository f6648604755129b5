/**
 * {@code progy start}: the local learning environment in the browser. {@code StartCommand} starts a {@code Running}
 * session: a {@code LearningSession} (the course, checks and file watching of {@code io.progy.cli.learn}), a
 * {@code ProgressGit} for the git panel ({@code LocalProgressGit}, JGit, until the progress sync service plugs in), an
 * {@code EventHub} of server-sent events and a {@code LearnServer} (the JDK's HTTP server on 127.0.0.1, guarded by the
 * Host header, a per-run secret cookie and origin checks) serving {@code LearnApi}'s JSON and the page's assets
 * ({@code assets/}: plain HTML, CSS and JavaScript, no build step). READMEs are rendered by {@code Markdown}
 * (commonmark-java, raw HTML escaped) with {@code Highlighter}'s server-side syntax highlighting.
 */
package io.progy.cli.start;
