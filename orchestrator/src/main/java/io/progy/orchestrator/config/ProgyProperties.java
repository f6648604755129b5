package io.progy.orchestrator.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Server settings, bound from {@code progy.*}. {@code application.yml} maps each {@code PROGY_*}
 * environment variable onto these names and holds every default, in one place.
 *
 * @param mode {@code embedded} (development default) or {@code production}
 * @param dataDir root for the embedded database, local blobs and temporary uploads
 * @param databaseUrl R2DBC URL; blank means the embedded H2 file under {@code dataDir}
 * @param storage where artifacts live
 * @param s3 S3 settings, used when {@code storage} is {@code s3}
 * @param maxArtifactSize largest {@code .progy} accepted by publish
 * @param sampleCourses publish the bundled sample courses at start-up; blank means "in embedded mode"
 * @param registry registry tuning
 */
@ConfigurationProperties("progy")
public record ProgyProperties(
        Mode mode,
        Path dataDir,
        String databaseUrl,
        StorageKind storage,
        S3 s3,
        DataSize maxArtifactSize,
        Boolean sampleCourses,
        Registry registry) {

    public enum Mode {
        EMBEDDED,
        PRODUCTION
    }

    public enum StorageKind {
        LOCAL,
        S3
    }

    /**
     * @param endpoint endpoint override (R2, MinIO, s3proxy); blank for AWS S3 itself
     * @param bucket bucket name
     * @param region signing region
     * @param pathStyle path-style addressing ({@code http://host/bucket/key}), needed by MinIO and s3proxy
     * @param accessKeyId static credentials; blank means the AWS default credentials chain
     * @param secretAccessKey static credentials; blank means the AWS default credentials chain
     * @param conditionalWrites try {@code If-None-Match: *} on put (falls back by itself when refused)
     */
    public record S3(
            String endpoint,
            String bucket,
            String region,
            boolean pathStyle,
            String accessKeyId,
            String secretAccessKey,
            boolean conditionalWrites) {}

    /**
     * @param cacheTtl how long a course's version list is served from memory before it is re-read
     *     (publish and yank on this node invalidate at once; the TTL bounds staleness across nodes)
     * @param downloadFlushInterval how often in-memory download counts are written to the database
     * @param stalePendingAfter a publish still pending after this long is abandoned and swept at start-up
     */
    public record Registry(Duration cacheTtl, Duration downloadFlushInterval, Duration stalePendingAfter) {}

    public ProgyProperties {
        dataDir = expandHome(dataDir).toAbsolutePath().normalize();
    }

    /** The database settings: {@code databaseUrl}, or the embedded H2 file under the data dir. */
    public DatabaseSettings database() {
        return databaseUrl == null || databaseUrl.isBlank()
                ? DatabaseSettings.embeddedH2(dataDir.resolve("db").resolve("progy"))
                : parseDatabaseUrl(databaseUrl.trim());
    }

    private static DatabaseSettings parseDatabaseUrl(String url) {
        try {
            return DatabaseSettings.parse(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    e.getMessage(),
                    "Set PROGY_DATABASE_URL to r2dbc:postgresql://user:pass@host:5432/db, or unset it for the"
                            + " embedded H2 database.");
        }
    }

    /** Sample courses are published by default only on the embedded H2 database. */
    public boolean publishSampleCourses() {
        return sampleCourses != null ? sampleCourses : database().kind() == DatabaseSettings.Kind.H2;
    }

    /**
     * What these settings amount to, as the start-up line reports it: {@code production} when
     * {@code PROGY_MODE=production} (development defaults refused), {@code embedded} on the embedded H2 database
     * with local storage, {@code custom} otherwise (e.g. PostgreSQL and S3 without {@code PROGY_MODE=production}).
     */
    public String effectiveMode() {
        if (mode == Mode.PRODUCTION) {
            return "production";
        }
        boolean embedded = database().kind() == DatabaseSettings.Kind.H2 && storage != StorageKind.S3;
        return embedded ? "embedded" : "custom";
    }

    public Path blobDir() {
        return dataDir.resolve("blobs");
    }

    public Path tempDir() {
        return dataDir.resolve("tmp");
    }

    private static Path expandHome(Path path) {
        String text = path.toString();
        if (text.equals("~") || text.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + text.substring(1));
        }
        return path;
    }
}
