package io.progy.orchestrator.testsupport;

import io.progy.orchestrator.config.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * A throw-away PostgreSQL schema for one test class, on the server named by {@value #ENV} (e.g.
 * {@code r2dbc:postgresql://postgres@127.0.0.1:5432/test}); dropped, with everything in it, on close. Test
 * classes using it are marked {@code @ExtendWith(RequiresPostgres.class)}, which skips them (or, in CI, fails
 * them) when the variable is not set.
 */
public final class PostgresSchema implements AutoCloseable {

    public static final String ENV = "PROGY_TEST_DATABASE_URL";

    private final DatabaseSettings server;
    private final String schema;

    private PostgresSchema(DatabaseSettings server, String schema) {
        this.server = server;
        this.schema = schema;
    }

    /** The R2DBC URL of the test PostgreSQL server, if {@value #ENV} is set. */
    public static Optional<String> databaseUrl() {
        String url = System.getenv(ENV);
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.trim());
    }

    /** Creates a schema named {@code <prefix>_<random>} on the server {@value #ENV} names. */
    public static PostgresSchema create(String prefix) throws SQLException {
        String url = databaseUrl()
                .orElseThrow(() -> new IllegalStateException(
                        ENV + " is not set: mark the test class @ExtendWith(RequiresPostgres.class)"));
        DatabaseSettings server = DatabaseSettings.parse(url);
        String schema =
                prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = connect(server, null);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        return new PostgresSchema(server, schema);
    }

    /** The R2DBC URL of this schema, for {@code progy.database-url}. */
    public String r2dbcUrl() {
        String base = server.r2dbcUrl();
        return base + (base.contains("?") ? "&" : "?") + "schema=" + schema;
    }

    public String name() {
        return schema;
    }

    /** A JDBC connection whose default schema is this one. */
    public Connection connect() throws SQLException {
        return connect(server, schema);
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = connect(server, null);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static Connection connect(DatabaseSettings server, String schema) throws SQLException {
        Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
        if (schema != null) {
            connection.setSchema(schema);
        }
        return connection;
    }
}
