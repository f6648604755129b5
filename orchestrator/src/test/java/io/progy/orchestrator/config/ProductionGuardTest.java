package io.progy.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ProductionGuardTest {

    @Test
    void productionRefusesTheEmbeddedDatabase() {
        assertThatThrownBy(() -> ProductionGuard.refuseDevDefaults(properties(ProgyProperties.Mode.PRODUCTION, "")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("H2")
                .satisfies(e ->
                        assertThat(((InvalidConfigurationException) e).action()).contains("PROGY_DATABASE_URL"));
    }

    @Test
    void productionAcceptsPostgresqlAndEmbeddedModeAcceptsH2() {
        assertThatCode(() -> ProductionGuard.refuseDevDefaults(
                        properties(ProgyProperties.Mode.PRODUCTION, "r2dbc:postgresql://u:p@h:5432/d")))
                .doesNotThrowAnyException();
        assertThatCode(() -> ProductionGuard.refuseDevDefaults(properties(ProgyProperties.Mode.EMBEDDED, "")))
                .doesNotThrowAnyException();
    }

    private static ProgyProperties properties(ProgyProperties.Mode mode, String databaseUrl) {
        return new ProgyProperties(
                mode,
                Path.of("/tmp/progy-guard"),
                databaseUrl,
                ProgyProperties.StorageKind.LOCAL,
                null,
                DataSize.ofMegabytes(100),
                null,
                null);
    }
}
