package io.progy.orchestrator.git.gitea;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Gitea provider on the embedded default: H2 file database and local storage. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "progy.sample-courses=false",
            GiteaProviderContract.PROVIDER,
            GiteaProviderContract.RETRIES,
            GiteaProviderContract.BACKOFF
        })
@DirtiesContext
class H2GiteaProviderIT extends GiteaProviderContract {

    static WireMockServer server;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        server = startGitea(registry);
        registry.add("progy.data-dir", () -> dataDir.toString());
    }

    @AfterAll
    static void stopGitea() {
        server.stop();
    }

    @Override
    WireMockServer giteaServer() {
        return server;
    }
}
