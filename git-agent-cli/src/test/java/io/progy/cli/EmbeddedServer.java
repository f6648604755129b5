package io.progy.cli;

import io.progy.orchestrator.ProgyServer;
import io.progy.orchestrator.config.DatabaseSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The real orchestrator started inside the test JVM on 127.0.0.1 and a free port, for the CLI's end-to-end tests:
 * on the embedded default (an H2 file database and local storage in a fresh data dir) unless other stack settings
 * are given.
 */
public final class EmbeddedServer implements AutoCloseable {
    private final ProgyServer.Running running;
    private final Path dataDir;

    private EmbeddedServer(ProgyServer.Running running, Path dataDir) {
        this.running = running;
        this.dataDir = dataDir;
    }

    /** The embedded default: H2 and local storage under {@code dataDir}. */
    public static EmbeddedServer start(Path dataDir, boolean sampleCourses) {
        return start(h2Settings(dataDir), dataDir, sampleCourses);
    }

    /**
     * The embedded default with rate limits off: for tests that sign up, log in and publish far more often than a
     * person would, and are not about the limits.
     */
    public static EmbeddedServer startUnlimited(Path dataDir) {
        var settings = new HashMap<>(h2Settings(dataDir));
        settings.put("progy.rate-limits.enabled", "false");
        return start(settings, dataDir, false);
    }

    /** A server on the stack {@code stackSettings} describe (database, storage, data dir). */
    public static EmbeddedServer start(Map<String, String> stackSettings, Path dataDir, boolean sampleCourses) {
        var settings = new HashMap<>(stackSettings);
        settings.put("server.address", "127.0.0.1");
        settings.put("server.port", "0");
        settings.put("progy.mode", "embedded");
        settings.put("progy.sample-courses", Boolean.toString(sampleCourses));
        return new EmbeddedServer(ProgyServer.start(settings), dataDir);
    }

    /** The settings of the embedded default, explicitly blank/local so the environment cannot leak in. */
    public static Map<String, String> h2Settings(Path dataDir) {
        return Map.of("progy.data-dir", dataDir.toString(), "progy.database-url", "", "progy.storage", "local");
    }

    /** A JDBC connection to the server's own H2 file (same JVM, so the same open database). */
    public static Connection openH2(Path dataDir) throws SQLException {
        var h2 = DatabaseSettings.embeddedH2(dataDir.resolve("db/progy"));
        return DriverManager.getConnection(h2.jdbcUrl(), h2.user(), h2.password());
    }

    /** A JDBC connection to this server's database (started with {@link #start(Path, boolean)}). */
    public Connection openDatabase() throws SQLException {
        return openH2(dataDir);
    }

    /** e.g. {@code http://127.0.0.1:43127} */
    public String url() {
        return running.url();
    }

    /** A URL nothing listens on: the server as seen when offline. */
    public static String deadServer() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        running.close();
    }
}
