package io.progy.orchestrator.progress;

import io.progy.orchestrator.support.PostgresAndS3;
import io.progy.orchestrator.testsupport.RequiresPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Progress and statistics in the production shape: PostgreSQL (an isolated schema on
 * {@code PROGY_TEST_DATABASE_URL}; skipped, with the reason, when it is unset) and S3 storage, so the medians,
 * the drop-off join, the row lock and the unique event ids are exercised on PostgreSQL too.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"progy.registry.download-flush-interval=100ms"})
@DirtiesContext
@ExtendWith(RequiresPostgres.class)
class PostgresProgressIT extends ProgressContract {

    @RegisterExtension
    static final PostgresAndS3 infrastructure = new PostgresAndS3();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("progy.data-dir", () -> dataDir.toString());
        infrastructure.register(registry);
    }
}
