package io.progy.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void embeddedDefaultIsAnH2FileWithAnAbsolutePath() {
        var settings = DatabaseSettings.embeddedH2(Path.of("/srv/progy/db/progy"));
        assertThat(settings.kind()).isEqualTo(DatabaseSettings.Kind.H2);
        assertThat(settings.r2dbcUrl()).startsWith("r2dbc:h2:file:////srv/progy/db/progy");
        assertThat(settings.jdbcUrl())
                .isEqualTo("jdbc:h2:file:/srv/progy/db/progy;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000");
        assertThat(settings.describe()).isEqualTo("jdbc:h2:file:/srv/progy/db/progy");
        assertThat(settings.schema()).isNull();
    }

    @Test
    void derivesJdbcSettingsForPostgresql() {
        var settings = DatabaseSettings.parse("r2dbc:postgresql://progy:s3cret@db.internal:5433/registry");
        assertThat(settings.kind()).isEqualTo(DatabaseSettings.Kind.POSTGRESQL);
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/registry");
        assertThat(settings.user()).isEqualTo("progy");
        assertThat(settings.password()).isEqualTo("s3cret");
        assertThat(settings.describe()).doesNotContain("s3cret");
    }

    @Test
    void postgresqlDefaultsThePortAndCarriesTheSchema() {
        var settings = DatabaseSettings.parse("r2dbc:postgresql://postgres@127.0.0.1/test?schema=progy_it_1");
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=progy_it_1");
        assertThat(settings.schema()).isEqualTo("progy_it_1");
        assertThat(settings.password()).isNull();
    }

    @Test
    void understandsPooledUrlsAndInMemoryH2() {
        assertThat(DatabaseSettings.parse("r2dbc:pool:postgresql://u:p@h:5432/d")
                        .jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:5432/d");
        assertThat(DatabaseSettings.parse("r2dbc:h2:mem:///testdb?options=DB_CLOSE_DELAY=-1")
                        .jdbcUrl())
                .isEqualTo("jdbc:h2:mem:testdb;DB_CLOSE_DELAY=-1");
    }

    @Test
    void rejectsWhatItCannotMigrate() {
        assertThatThrownBy(() -> DatabaseSettings.parse("r2dbc:mysql://h/d"))
                .hasMessageContaining("unsupported database 'mysql'");
        assertThatThrownBy(() -> DatabaseSettings.parse("postgresql://h/d")).hasMessageContaining("PROGY_DATABASE_URL");
        assertThatThrownBy(() -> DatabaseSettings.parse("r2dbc:postgresql:///d"))
                .hasMessageContaining("no host");
        assertThatThrownBy(() -> DatabaseSettings.parse("r2dbc:h2:tcp://h/d")).hasMessageContaining("H2 URLs must be");
    }
}
