package io.progy.orchestrator.web;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The pages on the embedded default: H2 file database and local storage (README read from a local file). */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"progy.sample-courses=false", "progy.registry.download-flush-interval=100ms"})
@DirtiesContext
class H2WebPagesIT extends WebPagesContract {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("progy.data-dir", () -> dataDir.toString());
    }
}
