package io.progy.orchestrator.config;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.nio.file.Path;

/**
 * One database, described twice: the R2DBC URL the service talks through, and the JDBC URL, user and
 * password Flyway migrates through, derived from it with {@link ConnectionFactoryOptions#parse}.
 *
 * @param kind H2 or PostgreSQL
 * @param r2dbcUrl as configured
 * @param jdbcUrl for Flyway
 * @param user may be null
 * @param password may be null
 * @param schema PostgreSQL schema ({@code ?schema=} option), or null for the default search path
 */
public record DatabaseSettings(
        Kind kind, String r2dbcUrl, String jdbcUrl, String user, String password, String schema) {

    public enum Kind {
        H2,
        POSTGRESQL
    }

    static final Option<String> SCHEMA = Option.valueOf("schema");
    static final Option<String> H2_OPTIONS = Option.valueOf("options");

    /** The embedded default: an H2 file that outlives the JVM's shutdown hook until Spring closes the pool. */
    public static DatabaseSettings embeddedH2(Path file) {
        // r2dbc URLs drop the first '/' of the path, so an absolute path needs "file:///" + "/abs/path".
        // Lock waits (row locks taken by publishes and telemetry batches) get 10 s rather than H2's 2 s, which a
        // busy machine can exceed.
        return parse(
                "r2dbc:h2:file:///" + file.toAbsolutePath() + "?options=DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000");
    }

    /**
     * Parses an R2DBC URL ({@code r2dbc:h2:file:///...}, {@code r2dbc:h2:mem:///...},
     * {@code r2dbc:postgresql://user:pass@host:5432/db?schema=s}, optionally {@code r2dbc:pool:...}).
     *
     * @throws IllegalArgumentException naming what is wrong with the URL
     */
    public static DatabaseSettings parse(String r2dbcUrl) {
        ConnectionFactoryOptions options;
        try {
            options = ConnectionFactoryOptions.parse(r2dbcUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PROGY_DATABASE_URL is not an R2DBC URL: " + e.getMessage(), e);
        }
        String driver = string(options, ConnectionFactoryOptions.DRIVER);
        String protocol = string(options, ConnectionFactoryOptions.PROTOCOL);
        if ("pool".equals(driver)) {
            // r2dbc:pool:<driver>:<protocol>://...; the protocol part then names the real driver first.
            int colon = protocol == null ? -1 : protocol.indexOf(':');
            driver = colon < 0 ? protocol : protocol.substring(0, colon);
            protocol = colon < 0 ? null : protocol.substring(colon + 1);
        }
        String user = string(options, ConnectionFactoryOptions.USER);
        Object password = options.getValue(ConnectionFactoryOptions.PASSWORD);
        String passwordText = password == null ? null : password.toString();
        String database = string(options, ConnectionFactoryOptions.DATABASE);
        if ("h2".equals(driver)) {
            if (!"file".equals(protocol) && !"mem".equals(protocol)) {
                throw new IllegalArgumentException(
                        "PROGY_DATABASE_URL: H2 URLs must be r2dbc:h2:file:///<path> or r2dbc:h2:mem:///<name>");
            }
            if (database == null || database.isBlank()) {
                throw new IllegalArgumentException("PROGY_DATABASE_URL: H2 URL names no database file");
            }
            String h2Options = string(options, H2_OPTIONS);
            String jdbc = "jdbc:h2:" + protocol + ":" + database + (h2Options == null ? "" : ";" + h2Options);
            return new DatabaseSettings(Kind.H2, r2dbcUrl, jdbc, user, passwordText, null);
        }
        if ("postgresql".equals(driver) || "postgres".equals(driver)) {
            String host = string(options, ConnectionFactoryOptions.HOST);
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("PROGY_DATABASE_URL: PostgreSQL URL names no host");
            }
            if (database == null || database.isBlank()) {
                throw new IllegalArgumentException("PROGY_DATABASE_URL: PostgreSQL URL names no database");
            }
            Object port = options.getValue(ConnectionFactoryOptions.PORT);
            String schema = string(options, SCHEMA);
            String jdbc = "jdbc:postgresql://" + host + ":" + (port == null ? 5432 : port) + "/" + database
                    + (schema == null ? "" : "?currentSchema=" + schema);
            return new DatabaseSettings(Kind.POSTGRESQL, r2dbcUrl, jdbc, user, passwordText, schema);
        }
        throw new IllegalArgumentException("PROGY_DATABASE_URL: unsupported database '" + driver
                + "' (use r2dbc:h2:... or r2dbc:postgresql://...)");
    }

    /** The URL without its password, for logs. */
    public String describe() {
        return switch (kind) {
            case H2 -> jdbcUrl.replaceFirst(";.*$", "");
            case POSTGRESQL -> jdbcUrl;
        };
    }

    private static String string(ConnectionFactoryOptions options, Option<?> option) {
        Object value = options.getValue(option);
        return value == null ? null : value.toString();
    }
}
