package io.progy.cli.e2e;

import io.progy.format.Sha256;
import io.progy.orchestrator.config.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** The scenario on the embedded default: an H2 file database and local blob storage in a fresh data dir. */
class H2LocalEndToEndIT extends EndToEndScenario {
    private Path dataDir;

    @Override
    Map<String, String> startStack(Path dataDir) {
        this.dataDir = dataDir;
        // Explicitly blank/local, so a PROGY_DATABASE_URL or PROGY_STORAGE in the environment cannot leak in.
        return Map.of("progy.data-dir", dataDir.toString(), "progy.database-url", "", "progy.storage", "local");
    }

    @Override
    void stopStack() {}

    @Override
    Connection openDatabase() throws SQLException {
        // The server's own H2 file (same JVM, so the same open database).
        var h2 = DatabaseSettings.embeddedH2(dataDir.resolve("db/progy"));
        return DriverManager.getConnection(h2.jdbcUrl(), h2.user(), h2.password());
    }

    @Override
    Optional<String> storedArtifactSha256(String key) throws IOException {
        var file = dataDir.resolve("blobs").resolve(key);
        return Files.isRegularFile(file) ? Optional.of(Sha256.of(file)) : Optional.empty();
    }
}
