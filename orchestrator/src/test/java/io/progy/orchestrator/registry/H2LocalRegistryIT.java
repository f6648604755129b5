package io.progy.orchestrator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.format.PackResult;
import io.progy.orchestrator.config.ProgyProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/** The registry contract on the embedded default: H2 file database and local blob storage. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "progy.sample-courses=false",
            "progy.max-artifact-size=2MB",
            "progy.registry.download-flush-interval=1h"
        })
@DirtiesContext
class H2LocalRegistryIT extends RegistryContract {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("progy.data-dir", () -> dataDir.toString());
    }

    @Autowired
    ProgyProperties properties;

    @Autowired
    PublishService publisher;

    @Autowired
    DatabaseClient db;

    @Override
    long maxArtifactBytes() {
        return 2 * 1024 * 1024;
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** The API served is exactly the one {@code openapi/progy-api.yaml} describes (actuator aside). */
    @Test
    @SuppressWarnings("unchecked")
    void servesExactlyTheOperationsOfTheContract() throws IOException {
        Path contract = Path.of("..", "openapi", "progy-api.yaml");
        Map<String, Object> document;
        try (var in = Files.newInputStream(contract)) {
            document = new Yaml().load(in);
        }
        Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, operations) -> {
            if (!path.startsWith("/actuator")) {
                operations.keySet().stream()
                        .filter(method ->
                                Set.of("get", "post", "put", "delete", "patch").contains(method))
                        .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path));
            }
        });
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternsCondition().getPatterns().forEach(pattern -> info.getMethodsCondition()
                        .getMethods()
                        .forEach(method -> served.add(method.name() + " " + pattern.getPatternString()))));
        assertThat(served).isEqualTo(documented);
    }

    @Test
    void usesTheEmbeddedDefaults() {
        assertThat(properties.database().jdbcUrl()).startsWith("jdbc:h2:file:" + dataDir.resolve("db/progy"));
        assertThat(Files.isDirectory(dataDir.resolve("blobs"))).isTrue();
    }

    @Test
    void aFailedBlobWriteRemovesTheClaimAndPublishesNothing() throws IOException {
        Session owner = signup("fail");
        PackResult pack = courses.pack("@" + owner.username() + "/fragile", "1.0.0");
        // A plain file where the scope's blob directory belongs makes every write under it fail.
        Path scopeDir = dataDir.resolve("blobs/packages/@" + owner.username());
        Files.createDirectories(scopeDir.getParent());
        Files.writeString(scopeDir, "in the way");

        problem(publish(owner, pack.archive()), 503, "STORAGE_FAILED");
        problem(resolve(owner.username(), "fragile", null), 404, "NOT_FOUND");
        assertThat(db.sql("SELECT COUNT(*) FROM package_versions v JOIN packages p ON p.id = v.package_id"
                                + " WHERE p.scope = :scope")
                        .bind("scope", owner.username())
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block(Duration.ofSeconds(30)))
                .isZero();

        Files.delete(scopeDir);
        publish(owner, pack.archive()).expectStatus().isCreated();
        assertThat(sha256(download(owner.username(), "fragile", "1.0.0"))).isEqualTo(pack.sha256());
    }

    @Test
    void abandonedPublishesAreSweptWithTheirBlobs() throws IOException {
        Session owner = signup("sweep");
        PackResult pack = courses.pack("@" + owner.username() + "/stale", "1.0.0");
        publish(owner, pack.archive()).expectStatus().isCreated();
        // Simulate a process that died after claiming 2.0.0 and writing its blob, before marking it ready.
        long packageId = repository
                .findPackage(new CourseKey(owner.username(), "stale"))
                .block(Duration.ofSeconds(30))
                .id();
        long userId = db.sql("SELECT id FROM users WHERE username = :u")
                .bind("u", owner.username())
                .map(row -> row.get(0, Long.class))
                .one()
                .block(Duration.ofSeconds(30));
        repository
                .insertPending(packageId, "2.0.0", pack.sha256(), pack.size(), 1, "{}", userId)
                .block(Duration.ofSeconds(30));
        Path orphan = dataDir.resolve("blobs/packages/@" + owner.username() + "/stale/2.0.0.progy");
        Files.copy(pack.archive(), orphan);

        assertThat(publisher.sweepAbandoned(Instant.now().plusSeconds(1)).block(Duration.ofSeconds(30)))
                .isEqualTo(1L);
        assertThat(orphan).doesNotExist();
        assertResolves(owner, "stale", null, "1.0.0");
        publish(owner, courses.pack("@" + owner.username() + "/stale", "2.0.0").archive())
                .expectStatus()
                .isCreated();
        assertResolves(owner, "stale", null, "2.0.0");
    }

    @Test
    void anOrphanedBlobIsReplacedByTheNextPublish() throws IOException {
        Session owner = signup("orphan");
        PackResult pack = courses.pack("@" + owner.username() + "/orphan", "1.0.0");
        Path orphan = dataDir.resolve("blobs/packages/@" + owner.username() + "/orphan/1.0.0.progy");
        Files.createDirectories(orphan.getParent());
        Files.writeString(orphan, "bytes of a publish that never completed");

        publish(owner, pack.archive()).expectStatus().isCreated();
        assertThat(sha256(download(owner.username(), "orphan", "1.0.0"))).isEqualTo(pack.sha256());
    }
}
