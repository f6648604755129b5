package io.progy.orchestrator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcAutoConfiguration;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Progy orchestrator: accounts, tokens and the course registry.
 *
 * <p>The database connection and Flyway are configured by {@code config.DatabaseConfig} from
 * {@code PROGY_DATABASE_URL}, so Boot's own R2DBC and Flyway auto-configuration is switched off.
 */
@SpringBootApplication(
        exclude = {
            R2dbcAutoConfiguration.class,
            R2dbcTransactionManagerAutoConfiguration.class,
            FlywayAutoConfiguration.class
        })
@ConfigurationPropertiesScan
@EnableScheduling
public class ProgyServer {

    public static void main(String[] args) {
        SpringApplication.run(ProgyServer.class, translateArguments(args));
    }

    /**
     * Starts a server inside this JVM, for clients' end-to-end tests. Settings are passed like command-line
     * arguments, so they win over {@code PROGY_*} variables, e.g. {@code progy.data-dir},
     * {@code progy.sample-courses}, and {@code server.port} ({@code 0} picks a free port).
     */
    public static Running start(Map<String, String> settings) {
        String[] args = settings.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        return new Running(SpringApplication.run(ProgyServer.class, args));
    }

    /** A server started by {@link #start}; close it to stop it. */
    public record Running(ConfigurableApplicationContext context) implements AutoCloseable {

        public int port() {
            return ((WebServerApplicationContext) context).getWebServer().getPort();
        }

        /** e.g. {@code http://127.0.0.1:43127} */
        public String url() {
            return "http://127.0.0.1:" + port();
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /** Maps the launcher's {@code --port N} / {@code --port=N} to Boot's {@code --server.port=N}. */
    static String[] translateArguments(String[] args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--port")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--port needs a value, e.g. --port 8080");
                }
                out.add("--server.port=" + requirePort(args[++i]));
            } else if (arg.startsWith("--port=")) {
                out.add("--server.port=" + requirePort(arg.substring("--port=".length())));
            } else {
                out.add(arg);
            }
        }
        return out.toArray(String[]::new);
    }

    private static int requirePort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number between 0 and 65535, got '" + value + "'");
        }
    }
}
