package io.progy.cli.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.progy.cli.Json;
import io.progy.cli.auth.PrivateFiles;
import io.progy.format.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Git credentials from {@code POST /v1/git/credentials}, kept in {@code $PROGY_HOME/git-credentials.json} (mode
 * 0600) so that every pass does not cost a round trip for a new token. Entries are keyed by server and course and
 * bound to the API token that obtained them (by a hash of it), so another login never reuses them; one is used
 * until {@link #RENEW_BEFORE} before it expires. A damaged file is treated as empty.
 */
public final class GitCredentialCache {
    public static final String FILE_NAME = "git-credentials.json";
    /** How long before {@code expires_at} a cached token is no longer handed out. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(2);

    private final Path file;

    public GitCredentialCache(Path home) {
        this.file = home.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** A cached access for {@code course} on {@code server}, obtained with {@code apiToken}, still valid now. */
    public Optional<GitAccess> find(String server, String course, String apiToken) {
        var entry = entries().path(key(server, course));
        if (!entry.isObject() || !entry.path("api_token").asText().equals(tokenHash(apiToken))) {
            return Optional.empty();
        }
        try {
            var access = new GitAccess(
                    entry.path("repo_url").asText(),
                    entry.path("git_user").asText(),
                    entry.path("git_token").asText(),
                    Instant.parse(entry.path("expires_at").asText()));
            return access.validAt(Instant.now(), RENEW_BEFORE) ? Optional.of(access) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // an incomplete or damaged entry: ask the server again
        }
    }

    public void put(String server, String course, String apiToken, GitAccess access) throws IOException {
        var entries = entries();
        var entry = entries.putObject(key(server, course));
        entry.put("git_user", access.user());
        entry.put("git_token", access.token());
        entry.put("repo_url", access.url());
        entry.put("expires_at", access.expiresAt().toString());
        entry.put("api_token", tokenHash(apiToken));
        dropExpired(entries);
        var root = Json.mapper().createObjectNode();
        root.put("version", 1);
        root.set("entries", entries);
        PrivateFiles.write(file, Json.mapper().writeValueAsBytes(root));
    }

    /** Forgets every cached credential (on logout). */
    public void clear() throws IOException {
        Files.deleteIfExists(file);
    }

    private ObjectNode entries() {
        try {
            JsonNode root = Json.mapper().readTree(Files.readAllBytes(file));
            if (root != null && root.path("entries").isObject()) {
                return ((ObjectNode) root.get("entries")).deepCopy();
            }
        } catch (NoSuchFileException e) {
            // nothing cached yet
        } catch (IOException e) {
            // damaged: start afresh
        }
        return Json.mapper().createObjectNode();
    }

    private static void dropExpired(ObjectNode entries) {
        var now = Instant.now();
        var names = entries.fieldNames();
        while (names.hasNext()) {
            var entry = entries.get(names.next());
            try {
                if (!Instant.parse(entry.path("expires_at").asText()).isAfter(now)) {
                    names.remove();
                }
            } catch (DateTimeParseException e) {
                names.remove();
            }
        }
    }

    private static String key(String server, String course) {
        return server + " " + course;
    }

    /** Enough of the API token's sha256 to tell logins apart, never the token. */
    private static String tokenHash(String apiToken) {
        return Sha256.hex(Sha256.newDigest().digest(apiToken.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16);
    }
}
