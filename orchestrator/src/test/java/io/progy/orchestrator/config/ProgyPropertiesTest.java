package io.progy.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.orchestrator.config.ProgyProperties.Mode;
import io.progy.orchestrator.config.ProgyProperties.StorageKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ProgyPropertiesTest {

    private static final String POSTGRESQL = "r2dbc:postgresql://u:p@h:5432/d";

    @Test
    void theReportedModeSaysWhatTheSettingsAmountTo() {
        assertThat(properties(Mode.EMBEDDED, "", StorageKind.LOCAL).effectiveMode())
                .isEqualTo("embedded");
        assertThat(properties(Mode.EMBEDDED, POSTGRESQL, StorageKind.S3).effectiveMode())
                .isEqualTo("custom");
        assertThat(properties(Mode.EMBEDDED, POSTGRESQL, StorageKind.LOCAL).effectiveMode())
                .isEqualTo("custom");
        assertThat(properties(Mode.EMBEDDED, "", StorageKind.S3).effectiveMode())
                .isEqualTo("custom");
        assertThat(properties(Mode.PRODUCTION, POSTGRESQL, StorageKind.S3).effectiveMode())
                .isEqualTo("production");
    }

    private static ProgyProperties properties(Mode mode, String databaseUrl, StorageKind storage) {
        return new ProgyProperties(
                mode, Path.of("/tmp/progy-mode"), databaseUrl, storage, null, DataSize.ofMegabytes(100), null, null);
    }
}
