package io.progy.orchestrator.git;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The git host on the embedded default: H2 file database and local storage. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "progy.sample-courses=false",
            "progy.git.max-push-size=" + GitHostContract.MAX_PUSH_SIZE,
            "progy.git.max-packs=" + GitHostContract.MAX_PACKS
        })
@DirtiesContext
class H2GitHostIT extends GitHostContract {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("progy.data-dir", () -> dataDir.toString());
    }

    @Override
    Path dataDir() {
        return dataDir;
    }
}
