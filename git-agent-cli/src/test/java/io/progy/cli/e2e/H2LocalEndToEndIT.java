package io.progy.cli.e2e;

import io.progy.cli.EmbeddedServer;
import io.progy.format.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** The scenario on the embedded default: an H2 file database and local blob storage in a fresh data dir. */
class H2LocalEndToEndIT extends EndToEndScenario {
    private Path dataDir;

    @Override
    Map<String, String> startStack(Path dataDir) {
        this.dataDir = dataDir;
        return EmbeddedServer.h2Settings(dataDir);
    }

    @Override
    void stopStack() {}

    @Override
    Connection openDatabase() throws SQLException {
        return EmbeddedServer.openH2(dataDir);
    }

    @Override
    Optional<String> storedArtifactSha256(String key) throws IOException {
        var file = dataDir.resolve("blobs").resolve(key);
        return Files.isRegularFile(file) ? Optional.of(Sha256.of(file)) : Optional.empty();
    }
}
