package io.progy.cli.progress;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import java.net.URI;
import java.time.Instant;

/**
 * What it takes to reach a student's progress repository: its URL (never with credentials in it) and the
 * short-lived HTTP Basic user name and token from {@code POST /v1/git/credentials}, held in memory only.
 */
public record GitAccess(String url, String user, String token, Instant expiresAt) {
    public GitAccess {
        url = checkedUrl(url);
        if (user == null || user.isBlank() || token == null || token.isBlank() || expiresAt == null) {
            throw new CliException(ExitCode.UNAVAILABLE, "the server sent incomplete git credentials");
        }
    }

    /** Whether the token is still good at {@code now} with {@code margin} to spare. */
    public boolean validAt(Instant now, java.time.Duration margin) {
        return expiresAt.isAfter(now.plus(margin));
    }

    /** An http(s) repository URL without user information, query or fragment; anything else is refused. */
    static String checkedUrl(String url) {
        URI uri;
        try {
            uri = url == null ? null : URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new CliException(
                    ExitCode.UNAVAILABLE, "the server sent an unusable repository URL: expected http(s)://host/path");
        }
        return uri.toString();
    }

    @Override
    public String toString() {
        return "GitAccess[url=" + url + ", user=" + user + ", expiresAt=" + expiresAt + "]"; // never the token
    }
}
