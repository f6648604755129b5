package io.progy.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code $PROGY_HOME/settings.json}: the user's settings, changed with {@code progy config}. Settings this version
 * does not know are kept as they are; the file is replaced atomically.
 */
public final class Settings {
    static final String FILE_NAME = "settings.json";
    static final String TELEMETRY = "telemetry";

    private final Path file;
    private final ObjectNode values;

    private Settings(Path file, ObjectNode values) {
        this.file = file;
        this.values = values;
    }

    /** The settings in {@code home}; the defaults when there is no file yet. Exit 3 when it cannot be read. */
    public static Settings load(Path home) {
        var file = home.resolve(FILE_NAME);
        try {
            JsonNode tree = Json.mapper().readTree(Files.readAllBytes(file));
            if (tree == null || !tree.isObject()) {
                throw new IOException("not a JSON object");
            }
            return new Settings(file, (ObjectNode) tree);
        } catch (NoSuchFileException e) {
            return new Settings(file, Json.mapper().createObjectNode());
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.CONFLICT,
                    "cannot read " + file + " ("
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                            + "): fix or delete it",
                    e);
        }
    }

    public Path file() {
        return file;
    }

    /** Whether check events may be recorded and sent; on unless turned off. */
    public boolean telemetry() {
        return !"off".equals(values.path(TELEMETRY).asText("on"));
    }

    public void setTelemetry(boolean on) {
        values.put(TELEMETRY, on ? "on" : "off");
    }

    public void save() throws IOException {
        Files.createDirectories(file.getParent());
        var temp = Files.createTempFile(file.getParent(), ".settings-", ".tmp");
        try {
            Files.write(temp, Json.mapper().writeValueAsBytes(values));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
