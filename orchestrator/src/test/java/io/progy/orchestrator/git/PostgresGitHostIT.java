package io.progy.orchestrator.git;

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
 * The git host in the production shape: PostgreSQL (an isolated schema on {@code PROGY_TEST_DATABASE_URL})
 * and S3 storage for the registry, so the unique constraints that make provisioning idempotent are
 * exercised on PostgreSQL too.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "progy.git.max-push-size=" + GitHostContract.MAX_PUSH_SIZE,
            "progy.git.max-packs=" + GitHostContract.MAX_PACKS
        })
@DirtiesContext
@ExtendWith(RequiresPostgres.class)
class PostgresGitHostIT extends GitHostContract {

    @RegisterExtension
    static final PostgresAndS3 infrastructure = new PostgresAndS3();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("progy.data-dir", () -> dataDir.toString());
        infrastructure.register(registry);
    }

    @Override
    Path dataDir() {
        return dataDir;
    }
}
