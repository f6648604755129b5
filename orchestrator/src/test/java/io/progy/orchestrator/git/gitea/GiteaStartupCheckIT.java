package io.progy.orchestrator.git.gitea;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.progy.orchestrator.git.gitea.GiteaStubs.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.progy.orchestrator.ProgyServer;
import io.progy.orchestrator.config.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server refuses to start on a Gitea token that is not an administrator's. */
class GiteaStartupCheckIT {

    @Test
    void theServerDoesNotStartWithoutAnAdministratorToken(@TempDir Path dataDir) {
        WireMockServer gitea = new WireMockServer(options().dynamicPort());
        gitea.start();
        try {
            new GiteaStubs(gitea).administrator(false);

            assertThatThrownBy(() -> ProgyServer.start(Map.of(
                                    "server.port",
                                    "0",
                                    "progy.data-dir",
                                    dataDir.toString(),
                                    "progy.sample-courses",
                                    "false",
                                    "progy.git.provider",
                                    "gitea",
                                    "progy.git.gitea.url",
                                    gitea.baseUrl(),
                                    "progy.git.gitea.admin-token",
                                    ADMIN_TOKEN))
                            .close())
                    .rootCause()
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("is not a site administrator");
        } finally {
            gitea.stop();
        }
    }
}
