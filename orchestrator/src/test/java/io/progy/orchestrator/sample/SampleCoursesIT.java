package io.progy.orchestrator.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** First start in embedded mode publishes the bundled sample courses under the reserved @progy scope. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SampleCoursesIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("progy.data-dir", () -> dataDir.toString());
    }

    @Autowired
    WebTestClient client;

    @Autowired
    SampleCoursePublisher publisher;

    @Test
    void publishesEveryBundledCourseOnce() throws Exception {
        client.get()
                .uri("/v1/registry/resolve/progy/tiny-fixture")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.resolved.version")
                .isEqualTo("0.1.0");
        if (new ClassPathResource("sample-courses/java-intro/course.json").exists()) {
            client.get()
                    .uri("/v1/registry/resolve/progy/java-intro")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.name")
                    .isEqualTo("@progy/java-intro");
        }

        publisher.run(new DefaultApplicationArguments()); // a restart finds the versions there: no-op
        client.get()
                .uri("/v1/registry/resolve/progy/tiny-fixture")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.versions.length()")
                .isEqualTo(1);
    }

    @Test
    void theReservedOwnerCannotSignUpOrLogIn() {
        client.post()
                .uri("/v1/auth/signup")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "progy", "email", "me@example.org", "password", "a long password"))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        client.mutate()
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .post()
                .uri("/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "progy", "password", "!no-login"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }
}
