package io.progy.orchestrator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.orchestrator.config.DatabaseSettings;
import io.progy.orchestrator.config.ProgyProperties;
import io.progy.orchestrator.storage.BlobStore;
import io.progy.orchestrator.support.PostgresAndS3;
import io.progy.orchestrator.testsupport.RequiresPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The registry contract in the production shape: PostgreSQL (an isolated schema on
 * {@code PROGY_TEST_DATABASE_URL}) and S3 storage (s3proxy in-process).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"progy.max-artifact-size=2MB", "progy.registry.download-flush-interval=1h"})
@DirtiesContext
@ExtendWith(RequiresPostgres.class)
class PostgresS3RegistryIT extends RegistryContract {

    @RegisterExtension
    static final PostgresAndS3 infrastructure = new PostgresAndS3();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("progy.data-dir", () -> dataDir.toString());
        infrastructure.register(registry);
    }

    @Autowired
    ProgyProperties properties;

    @Autowired
    BlobStore blobStore;

    @Autowired
    DatabaseClient db;

    @Override
    long maxArtifactBytes() {
        return 2 * 1024 * 1024;
    }

    @Test
    void runsOnPostgresqlInItsOwnSchemaAndOnS3() {
        assertThat(properties.database().kind()).isEqualTo(DatabaseSettings.Kind.POSTGRESQL);
        assertThat(properties.database().schema())
                .isEqualTo(infrastructure.schema().name());
        assertThat(blobStore.describe()).startsWith("s3 " + infrastructure.s3().endpoint());
        assertThat(db.sql("SELECT current_schema()")
                        .map(row -> row.get(0, String.class))
                        .one()
                        .block(Duration.ofSeconds(30)))
                .isEqualTo(infrastructure.schema().name());
        // Sample courses are published only in embedded mode by default.
        assertThat(properties.publishSampleCourses()).isFalse();
    }
}
