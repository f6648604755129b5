package io.progy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.IVersionProvider;

/** {@code progy --version}: the version Maven filtered into {@code version.properties}. Loads nothing heavy. */
public final class VersionProvider implements IVersionProvider {
    private static String version;

    @Override
    public String[] getVersion() {
        return new String[] {"progy " + version()};
    }

    /** The CLI version, e.g. {@code 0.1.0-SNAPSHOT} (also sent in the User-Agent). */
    public static synchronized String version() {
        if (version == null) {
            version = read();
        }
        return version;
    }

    private static String read() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            for (var line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("version=")) {
                    return line.substring("version=".length()).trim();
                }
            }
            return "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
