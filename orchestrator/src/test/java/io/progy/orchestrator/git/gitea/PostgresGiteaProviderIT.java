package io.progy.orchestrator.git.gitea;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.progy.orchestrator.support.PostgresAndS3;
import io.progy.orchestrator.testsupport.RequiresPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Gitea provider in the production shape: PostgreSQL (an isolated schema on {@code PROGY_TEST_DATABASE_URL}),
 * so the conditional update and unique constraints that make provisioning happen once are exercised there too.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {GiteaProviderContract.PROVIDER, GiteaProviderContract.RETRIES, GiteaProviderContract.BACKOFF})
@DirtiesContext
@ExtendWith(RequiresPostgres.class)
class PostgresGiteaProviderIT extends GiteaProviderContract {

    @RegisterExtension
    static final PostgresAndS3 infrastructure = new PostgresAndS3();

    static WireMockServer server;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        server = startGitea(registry);
        registry.add("progy.data-dir", () -> dataDir.toString());
        infrastructure.register(registry);
    }

    @AfterAll
    static void stopGitea() {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    WireMockServer giteaServer() {
        return server;
    }
}
