package io.progy.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.orchestrator.git.GitProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.Yaml;

/**
 * The production stack in {@code docker-compose.yml}, checked without a Docker engine: its services and how they
 * depend on each other, what is published, volumes, health checks, and that the orchestrator's environment binds to
 * a production configuration the server accepts (every {@code PROGY_*} variable is one it reads).
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of("..");
    /** What an operator's .env holds (see .env.example). */
    private static final Map<String, String> DOT_ENV = Map.of(
            "POSTGRES_PASSWORD", "pg-secret",
            "GITEA_DB_PASSWORD", "gitea-db-secret",
            "GITEA_ADMIN_PASSWORD", "gitea-admin-secret",
            "MINIO_ROOT_PASSWORD", "minio-secret");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([-?])([^}]*))?}");

    static Map<String, Object> compose;
    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(in);
        }
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void runsTheProductionStack() {
        assertThat(services).containsOnlyKeys("postgres", "gitea", "gitea-init", "minio", "minio-init", "orchestrator");
        assertThat((String) services.get("postgres").get("image")).startsWith("postgres:");
        assertThat((String) services.get("gitea").get("image")).startsWith("gitea/gitea:");
        assertThat(services.get("gitea-init").get("image"))
                .isEqualTo(services.get("gitea").get("image"));
        assertThat((String) services.get("minio").get("image")).startsWith("minio/minio");
        assertThat((String) services.get("minio-init").get("image")).startsWith("minio/mc");
        assertThat(String.valueOf(services.get("minio-init").get("command"))).contains("mc mb --ignore-existing");
    }

    @Test
    @SuppressWarnings("unchecked")
    void buildsTheOrchestratorFromItsDockerfileWithTheExecutableJar() throws IOException {
        Map<String, Object> build =
                (Map<String, Object>) services.get("orchestrator").get("build");
        assertThat(build).containsEntry("context", ".");
        Path dockerfile = ROOT.resolve((String) build.get("dockerfile"));
        String text = Files.readString(dockerfile);
        // spring-boot-maven-plugin repackages target/orchestrator-exec.jar (finalName + classifier exec).
        assertThat(text).contains("orchestrator/target/orchestrator-exec.jar").contains("-pl orchestrator -am");
        assertThat(text).contains("USER progy").contains("HEALTHCHECK");
        assertThat(Files.readString(ROOT.resolve("orchestrator/pom.xml")))
                .contains("<finalName>orchestrator</finalName>")
                .contains("<classifier>exec</classifier>");
    }

    @Test
    void publishesOnlyTheOrchestratorAndGitea() {
        assertThat(services.get("orchestrator").get("ports")).isEqualTo(List.of("8080:8080"));
        assertThat(services.get("gitea").get("ports")).isEqualTo(List.of("3000:3000"));
        assertThat(services.get("postgres")).doesNotContainKey("ports");
        assertThat(services.get("minio")).doesNotContainKey("ports");
    }

    @Test
    void startsEachServiceOnceWhatItNeedsIsReady() {
        assertThat(dependsOn("orchestrator"))
                .containsOnly(
                        Map.entry("postgres", "service_healthy"),
                        Map.entry("gitea-init", "service_completed_successfully"),
                        Map.entry("minio-init", "service_completed_successfully"));
        assertThat(dependsOn("gitea")).containsOnly(Map.entry("postgres", "service_healthy"));
        assertThat(dependsOn("gitea-init")).containsOnly(Map.entry("gitea", "service_healthy"));
        assertThat(dependsOn("minio-init")).containsOnly(Map.entry("minio", "service_healthy"));
        for (String service : List.of("postgres", "gitea", "minio", "orchestrator")) {
            assertThat(services.get(service)).as(service).containsKey("healthcheck");
        }
        assertThat(String.valueOf(services.get("orchestrator").get("healthcheck")))
                .contains("/actuator/health/readiness");
        assertThat(services.get("gitea-init")).containsEntry("restart", "no");
        assertThat(services.get("minio-init")).containsEntry("restart", "no");
    }

    @Test
    @SuppressWarnings("unchecked")
    void keepsDataInDeclaredVolumesAndMountsFilesThatExist() {
        Set<String> declared = ((Map<String, Object>) compose.get("volumes")).keySet();
        Set<String> named = new TreeSet<>();
        services.forEach((name, service) -> {
            for (String mount : (List<String>) service.getOrDefault("volumes", List.of())) {
                String source = mount.split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(ROOT.resolve(source))
                            .as(name + " mounts " + source)
                            .isRegularFile();
                } else {
                    named.add(source);
                }
            }
        });
        assertThat(named).isEqualTo(declared);
        assertThat(volumes("postgres")).contains("postgres-data:/var/lib/postgresql/data");
        assertThat(volumes("gitea")).contains("gitea-data:/data");
        assertThat(volumes("minio")).contains("minio-data:/data");
        assertThat(volumes("orchestrator")).contains("orchestrator-data:/var/lib/progy");
        // gitea-init writes the admin token into the volume the orchestrator reads it from, read-only.
        assertThat(volumes("gitea-init")).contains("gitea-admin-token:/run/progy");
        assertThat(volumes("orchestrator")).contains("gitea-admin-token:/run/progy:ro");
        assertThat(environment("orchestrator").get("PROGY_GITEA_ADMIN_TOKEN_FILE"))
                .startsWith("/run/progy/");
    }

    @Test
    void everyOrchestratorVariableIsOneTheServerReads() throws IOException {
        String applicationYml = Files.readString(Path.of("src/main/resources/application.yml"));
        Set<String> read = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$\\{(PROGY_[A-Z0-9_]+)").matcher(applicationYml);
        while (matcher.find()) {
            read.add(matcher.group(1));
        }
        assertThat(read).containsAll(environment("orchestrator").keySet());
    }

    @Test
    void theOrchestratorEnvironmentIsAProductionConfigurationTheServerAccepts() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("compose", new HashMap<>(environment("orchestrator"))));
        new YamlPropertySourceLoader()
                .load("application.yml", new FileSystemResource("src/main/resources/application.yml"))
                .forEach(source -> environment.getPropertySources().addLast(source));
        Binder binder = Binder.get(environment);

        ProgyProperties progy = binder.bind("progy", ProgyProperties.class).get();
        GitProperties git = binder.bind("progy.git", GitProperties.class).get();

        ProductionGuard.refuseDevDefaults(progy); // throws on a development default
        assertThat(progy.effectiveMode()).isEqualTo("production");
        assertThat(progy.database().kind()).isEqualTo(DatabaseSettings.Kind.POSTGRESQL);
        assertThat(progy.database().jdbcUrl()).isEqualTo("jdbc:postgresql://postgres:5432/progy");
        assertThat(progy.storage()).isEqualTo(ProgyProperties.StorageKind.S3);
        assertThat(progy.s3().endpoint()).isEqualTo("http://minio:9000");
        assertThat(progy.s3().pathStyle()).isTrue();
        assertThat(progy.s3().accessKeyId()).isEqualTo("progy");
        assertThat(progy.s3().secretAccessKey()).isEqualTo("minio-secret");
        assertThat(progy.s3().bucket()).isEqualTo(environment("minio-init").get("PROGY_S3_BUCKET"));
        assertThat(git.provider()).isEqualTo(GitProperties.Provider.GITEA);
        assertThat(git.gitea().url()).isEqualTo("http://gitea:3000");
        assertThat(git.gitea().adminTokenFile()).isEqualTo("/run/progy/gitea-admin-token");
        assertThat(environment("orchestrator")).containsEntry("PROGY_BIND", "0.0.0.0");
        // The same credentials on both sides of each connection.
        assertThat(environment("minio").get("MINIO_ROOT_PASSWORD"))
                .isEqualTo(progy.s3().secretAccessKey());
        assertThat(environment("gitea").get("GITEA__database__PASSWD"))
                .isEqualTo(environment("postgres").get("GITEA_DB_PASSWORD"));
        assertThat(environment("orchestrator").get("PROGY_DATABASE_URL"))
                .contains("progy:" + environment("postgres").get("POSTGRES_PASSWORD") + "@");
    }

    @Test
    void everyRequiredVariableIsInTheExampleEnvFile() throws IOException {
        Set<String> required = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
        while (matcher.find()) {
            if ("?".equals(matcher.group(2))) {
                required.add(matcher.group(1));
            }
        }
        Set<String> example = Files.readAllLines(ROOT.resolve(".env.example")).stream()
                .filter(line -> line.matches("[A-Z0-9_]+=.*"))
                .map(line -> line.substring(0, line.indexOf('=')))
                .collect(Collectors.toSet());
        assertThat(required).isNotEmpty().isEqualTo(DOT_ENV.keySet()).allMatch(example::contains);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> dependsOn(String service) {
        Map<String, Map<String, String>> dependencies =
                (Map<String, Map<String, String>>) services.get(service).get("depends_on");
        return dependencies.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue()
                .get("condition")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> volumes(String service) {
        return (List<String>) services.get(service).get("volumes");
    }

    /** The service's environment as Compose hands it over: {@code ${VAR}}, {@code :-default}, {@code :?error}. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String service) {
        Map<String, Object> raw = (Map<String, Object>) services.get(service).getOrDefault("environment", Map.of());
        Map<String, String> resolved = new HashMap<>();
        raw.forEach((name, value) -> resolved.put(name, interpolate(String.valueOf(value))));
        return resolved;
    }

    private static String interpolate(String value) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = DOT_ENV.get(name);
            if (replacement == null) {
                assertThat(matcher.group(2))
                        .as("%s has a default or is required", name)
                        .isNotNull();
                assertThat(matcher.group(2)).as("required %s is in .env", name).isEqualTo("-");
                replacement = matcher.group(3);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
