package io.progy.orchestrator.config;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The database: Flyway migrations over JDBC first, then the R2DBC pool every feature uses. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    /** Marker bean: exists once the schema is migrated, so the pool is never handed out before. */
    record MigratedDatabase(DatabaseSettings settings, int migrationsApplied) {}

    @Bean
    MigratedDatabase migratedDatabase(ProgyProperties properties) {
        ProductionGuard.refuseDevDefaults(properties);
        DatabaseSettings settings = properties.database();
        if (settings.kind() == DatabaseSettings.Kind.H2 && settings.jdbcUrl().startsWith("jdbc:h2:file:")) {
            createParentDirectory(
                    settings.jdbcUrl().substring("jdbc:h2:file:".length()).replaceFirst(";.*$", ""));
        }
        var flyway = Flyway.configure()
                .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations("classpath:db/migration")
                .failOnMissingLocations(true);
        if (settings.schema() != null) {
            flyway.schemas(settings.schema()).defaultSchema(settings.schema()).createSchemas(true);
        }
        int applied = flyway.load().migrate().migrationsExecuted;
        return new MigratedDatabase(settings, applied);
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(MigratedDatabase database) {
        var options = ConnectionFactoryOptions.parse(database.settings().r2dbcUrl());
        ConnectionFactory factory = ConnectionFactories.get(options);
        if (factory instanceof ConnectionPool pool) {
            return pool;
        }
        return new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
                .name("progy")
                .initialSize(2)
                .maxSize(20)
                .maxIdleTime(Duration.ofMinutes(10))
                .maxAcquireTime(Duration.ofSeconds(30))
                // Shorter than maxAcquireTime: a connection that stops answering during validation is
                // invalidated, not handed back to the pool for the next caller to hang on.
                .maxValidationTime(Duration.ofSeconds(5))
                .validationQuery("SELECT 1")
                .build());
    }

    @Bean
    DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
        return DatabaseClient.create(connectionFactory);
    }

    @Bean
    ReactiveTransactionManager transactionManager(ConnectionFactory connectionFactory) {
        return new R2dbcTransactionManager(connectionFactory);
    }

    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    private static void createParentDirectory(String h2File) {
        Path parent = Path.of(h2File).toAbsolutePath().getParent();
        if (parent == null) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory " + parent, e);
        }
    }
}
