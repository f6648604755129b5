package io.progy.cli.progress;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.progy.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code progy.toml}, the workspace's record of which course it holds: the course name, the installed version and
 * its sha256, the server it came from and the URL of the student's progress repository ({@code repo_url}, empty
 * until the repository exists; never with credentials in it).
 */
public record ProgyToml(String course, String version, String sha256, String server, String repoUrl) {
    public static final String FILE_NAME = "progy.toml";

    public ProgyToml {
        repoUrl = repoUrl == null ? "" : repoUrl;
    }

    /** The nearest directory at or above {@code start} holding a progy.toml. */
    public static Optional<Path> findRoot(Path start) {
        for (var dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(FILE_NAME))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** Reads {@code root/progy.toml}; exit 3 when it is missing or lacks the course, version or sha256. */
    public static ProgyToml read(Path root) throws IOException {
        var file = root.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw CliException.conflict(root + " was not started with `progy init` (no " + FILE_NAME + ")");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses the text of a progy.toml; {@code origin} names it in messages. */
    public static ProgyToml parse(String text, String origin) throws IOException {
        var toml = new TomlMapper().readTree(text);
        var parsed = new ProgyToml(
                toml.path("course").asText(""),
                toml.path("version").asText(""),
                toml.path("sha256").asText(""),
                toml.path("server").asText(""),
                toml.path("repo_url").asText(""));
        if (parsed.course().isEmpty()
                || parsed.version().isEmpty()
                || parsed.sha256().isEmpty()) {
            throw CliException.conflict(origin + " lacks course, version or sha256");
        }
        return parsed;
    }

    /** The same settings with another repository URL. */
    public ProgyToml withRepoUrl(String url) {
        return new ProgyToml(course, version, sha256, server, url);
    }

    public void write(Path root) throws IOException {
        Files.writeString(root.resolve(FILE_NAME), text(), StandardCharsets.UTF_8);
    }

    /** The file's text. */
    public String text() {
        return "# Written by `progy init`: which course this workspace holds. Progy reads it.\n"
                + "course = " + quote(course) + "\n"
                + "version = " + quote(version) + "\n"
                + "sha256 = " + quote(sha256) + "\n"
                + "server = " + quote(server) + "\n"
                + "repo_url = " + quote(repoUrl) + "\n";
    }

    private static String quote(String value) {
        var escaped = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04X", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.append('"').toString();
    }
}
