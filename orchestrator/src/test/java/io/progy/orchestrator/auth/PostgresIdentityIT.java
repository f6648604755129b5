package io.progy.orchestrator.auth;

import io.progy.orchestrator.support.MutableClock;
import io.progy.orchestrator.support.PostgresAndS3;
import io.progy.orchestrator.testsupport.RequiresPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Identity on PostgreSQL (an isolated schema on {@code PROGY_TEST_DATABASE_URL}). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MutableClock.Config.class)
@DirtiesContext
@ExtendWith(RequiresPostgres.class)
class PostgresIdentityIT extends IdentityContract {

    @RegisterExtension
    static final PostgresAndS3 infrastructure = new PostgresAndS3();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("progy.data-dir", () -> dataDir.toString());
        registry.add("progy.sample-courses", () -> "false");
        infrastructure.register(registry);
    }
}
