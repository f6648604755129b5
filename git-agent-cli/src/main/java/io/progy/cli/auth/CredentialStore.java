package io.progy.cli.auth;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code $PROGY_HOME/credentials.json}: {@code {server, username, token}}, readable by its owner only (mode
 * 0600, created that way, never widened), replaced atomically so a crash never leaves half a file.
 */
public final class CredentialStore {
    private final Path file;

    public CredentialStore(Path home) {
        this.file = home.resolve("credentials.json");
    }

    public Path file() {
        return file;
    }

    public Optional<Credentials> read() {
        try {
            var credentials = Json.mapper().readValue(Files.readAllBytes(file), Credentials.class);
            if (credentials.token() == null || credentials.server() == null) {
                throw new IOException("token or server missing");
            }
            return Optional.of(credentials);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.AUTH,
                    "cannot read " + file + " ("
                            + e.getMessage().lines().findFirst().orElse("") + "): run `progy login` to replace it",
                    e);
        }
    }

    /** The stored token for {@code server}, if the stored login is for that server. */
    public Optional<Credentials> readFor(String server) {
        return read().filter(c -> c.server().equals(server));
    }

    public void write(Credentials credentials) throws IOException {
        PrivateFiles.write(file, Json.mapper().writeValueAsBytes(credentials));
    }

    /** Removes the stored login; false when there was none. */
    public boolean delete() throws IOException {
        return Files.deleteIfExists(file);
    }
}
