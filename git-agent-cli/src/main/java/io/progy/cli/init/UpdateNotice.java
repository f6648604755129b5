package io.progy.cli.init;

import io.progy.cli.Json;
import io.progy.cli.http.HttpApi;
import io.progy.cli.progress.ProgyToml;
import io.progy.cli.registry.CourseRef;
import io.progy.cli.registry.RegistryApi;
import io.progy.format.SemVer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The one-line notice of {@code progy status} when a newer compatible version of the course is out (same range as
 * {@code progy outdated}). The registry is asked at most once a day per installed version, with a short timeout;
 * the answer is kept in {@code .progy/update-check.json}. Any failure means no notice.
 */
public final class UpdateNotice {
    /** How long a registry answer counts. */
    static final Duration CHECK_EVERY = Duration.ofHours(24);
    /** How long status waits for the registry. */
    public static final Duration TIMEOUT = Duration.ofSeconds(3);

    private static final String FILE = ".progy/update-check.json";

    private UpdateNotice() {}

    /** The newest compatible version above the installed one, if the registry (or its recent answer) names one. */
    public static Optional<String> newer(Path root, ProgyToml settings, HttpApi api) {
        try {
            var newest = cached(root, settings).orElseGet(() -> ask(root, settings, api));
            return newest.isEmpty() || SemVer.ORDER.compare(newest, settings.version()) <= 0
                    ? Optional.empty()
                    : Optional.of(newest);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> cached(Path root, ProgyToml settings) {
        try {
            var tree = Json.mapper().readTree(Files.readAllBytes(root.resolve(FILE)));
            var checked = Instant.ofEpochMilli(tree.path("checked_at").asLong());
            if (!tree.path("installed").asText().equals(settings.version())
                    || checked.plus(CHECK_EVERY).isBefore(Instant.now())) {
                return Optional.empty();
            }
            return Optional.of(tree.path("newest").asText());
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String ask(Path root, ProgyToml settings, HttpApi api) {
        var name = CourseRef.parseWithRange(settings.course()).name();
        var resolution = new RegistryApi(api).resolve(name, "^" + settings.version());
        var newest = resolution.resolved() == null ? "" : resolution.resolved().version();
        try {
            var record = new LinkedHashMap<String, Object>();
            record.put("installed", settings.version());
            record.put("newest", newest);
            record.put("checked_at", Instant.now().toEpochMilli());
            Files.createDirectories(root.resolve(FILE).getParent());
            Files.write(root.resolve(FILE), Json.mapper().writeValueAsBytes(record));
        } catch (java.io.IOException e) {
            // asked again next time
        }
        return newest;
    }
}
