package io.progy.cli.learn;

import com.fasterxml.jackson.databind.JsonNode;
import io.progy.cli.Json;
import io.progy.format.ProgressState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * The student's choices for one course, in {@code .progy/settings.json}: the runner to check with (one of the
 * course's {@code runners}) and the browser UI's theme. Read tolerantly: a missing or broken file is the defaults.
 *
 * @param runner the id of the chosen runner, or {@code null} for the course's default
 * @param theme {@code system}, {@code light} or {@code dark}
 */
public record LocalSettings(String runner, String theme) {
    /** The themes the browser UI knows. */
    public static final Set<String> THEMES = Set.of("system", "light", "dark");

    static final String FILE_NAME = "settings.json";

    /** Nothing chosen. */
    public static final LocalSettings DEFAULT = new LocalSettings(null, "system");

    /** Creates the settings; an unknown theme becomes {@code system}. */
    public LocalSettings {
        theme = theme != null && THEMES.contains(theme) ? theme : "system";
    }

    /** The settings of the course in {@code root}. */
    public static LocalSettings load(Path root) {
        try {
            JsonNode node = Json.mapper().readTree(Files.readString(file(root), StandardCharsets.UTF_8));
            return new LocalSettings(
                    node.path("runner").isTextual() ? node.get("runner").asText() : null,
                    node.path("theme").asText(null));
        } catch (IOException | RuntimeException e) {
            return DEFAULT;
        }
    }

    /** Writes the settings atomically. */
    public void save(Path root) throws IOException {
        var file = file(root);
        Files.createDirectories(file.getParent());
        var json = new LinkedHashMap<String, Object>();
        json.put("runner", runner);
        json.put("theme", theme);
        var temp = Files.createTempFile(file.getParent(), ".settings", ".tmp");
        try {
            Files.writeString(temp, Json.mapper().writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path file(Path root) {
        return root.resolve(ProgressState.DIRECTORY).resolve(FILE_NAME);
    }
}
