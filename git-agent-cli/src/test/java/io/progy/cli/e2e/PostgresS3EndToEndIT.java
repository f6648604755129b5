package io.progy.cli.e2e;

import io.progy.format.Sha256;
import io.progy.orchestrator.testsupport.PostgresSchema;
import io.progy.orchestrator.testsupport.RequiresPostgres;
import io.progy.orchestrator.testsupport.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scenario in the production shape: PostgreSQL (a fresh schema on {@code PROGY_TEST_DATABASE_URL}) and
 * S3 storage (s3proxy in-process).
 */
@ExtendWith(RequiresPostgres.class)
class PostgresS3EndToEndIT extends EndToEndScenario {
    private static final String BUCKET = "progy-e2e";

    private PostgresSchema schema;
    private S3ProxyServer s3;

    @Override
    Map<String, String> startStack(Path dataDir) throws Exception {
        schema = PostgresSchema.create("progy_e2e");
        s3 = S3ProxyServer.start();
        var settings = new HashMap<>(s3.serverSettings(BUCKET));
        settings.put("progy.database-url", schema.r2dbcUrl());
        settings.put("progy.data-dir", dataDir.toString()); // upload temp files only
        return settings;
    }

    @Override
    void stopStack() throws Exception {
        try {
            if (s3 != null) {
                s3.close();
            }
        } finally {
            if (schema != null) {
                schema.close();
            }
        }
    }

    @Override
    Connection openDatabase() throws SQLException {
        return schema.connect();
    }

    @Override
    Optional<String> storedArtifactSha256(String key) throws IOException {
        return s3.object(BUCKET, key).map(bytes -> Sha256.hex(Sha256.newDigest().digest(bytes)));
    }
}
