package io.progy.cli.check;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The environment a check runs with: progy's own, minus anything that looks like a credential. A check runs code
 * the student wrote (or copied), so it must never see {@code PROGY_TOKEN}, cloud keys or Git host tokens.
 */
final class CheckEnvironment {
    /** Names that carry secrets, matched ignoring case anywhere in the name. */
    private static final Pattern SECRET_WORDS = Pattern.compile(
            "TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|AUTH(?!OR)",
            Pattern.CASE_INSENSITIVE);

    /** Prefixes of variables that belong to a cloud, a Git host or progy itself. */
    private static final String[] SECRET_PREFIXES = {
        "PROGY_",
        "AWS_",
        "GITHUB_",
        "GH_",
        "GITLAB_",
        "GITEA_",
        "AZURE_",
        "GOOGLE_",
        "GCP_",
        "GCLOUD_",
        "NPM_CONFIG_",
        "DOCKER_AUTH",
        "SSH_",
        "GPG_",
        "VAULT_",
        "CI_JOB_"
    };

    private CheckEnvironment() {}

    /** {@code env} without {@code PROGY_TOKEN} and every credential-looking variable. */
    static Map<String, String> scrub(Map<String, String> env) {
        var kept = new TreeMap<String, String>();
        env.forEach((name, value) -> {
            if (name != null && value != null && !isSecret(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    static boolean isSecret(String name) {
        var upper = name.toUpperCase(Locale.ROOT);
        for (var prefix : SECRET_PREFIXES) {
            if (upper.startsWith(prefix)) {
                return true;
            }
        }
        return SECRET_WORDS.matcher(upper).find();
    }

    /**
     * Finds a program the way a shell would, but on the {@code PATH} of {@code env} (not of the JVM): a name
     * with a {@code /} is taken relative to {@code workDir}; a bare name is looked up in each {@code PATH} entry.
     */
    static Optional<Path> findProgram(String program, Map<String, String> env, Path workDir) {
        if (program.contains("/")) {
            var path = workDir.resolve(program).normalize();
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        }
        var pathVar = env.get("PATH");
        if (pathVar == null || pathVar.isEmpty()) {
            return Optional.empty();
        }
        for (var entry : pathVar.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue; // an empty entry means "the current directory": never for a check
            }
            var candidate = Path.of(entry).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
