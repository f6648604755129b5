package io.progy.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ProgyServer#start}, as clients' end-to-end tests use it: embedded defaults under a data dir. */
class EmbeddedServerIT {

    @TempDir
    Path dataDir;

    @Test
    void startsOnAFreePortWithItsDataUnderTheDataDir() throws Exception {
        try (var server = ProgyServer.start(
                Map.of("progy.data-dir", dataDir.toString(), "progy.sample-courses", "false", "server.port", "0"))) {
            assertThat(server.port()).isPositive();
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.url() + "/actuator/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
            assertThat(Files.exists(dataDir.resolve("db/progy.mv.db"))).isTrue();
            assertThat(Files.isDirectory(dataDir.resolve("blobs"))).isTrue();
        }
    }
}
