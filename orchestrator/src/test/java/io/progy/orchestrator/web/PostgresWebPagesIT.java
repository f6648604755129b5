package io.progy.orchestrator.web;

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
 * The pages in the production shape: PostgreSQL (an isolated schema on {@code PROGY_TEST_DATABASE_URL}; skipped, with
 * the reason, when it is unset) and S3 storage, so the dashboard's SQL runs on PostgreSQL and the README is read from
 * a streamed artifact.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"progy.sample-courses=false", "progy.registry.download-flush-interval=100ms"})
@DirtiesContext
@ExtendWith(RequiresPostgres.class)
class PostgresWebPagesIT extends WebPagesContract {

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
