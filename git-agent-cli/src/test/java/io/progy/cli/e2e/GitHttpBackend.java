package io.progy.cli.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A git host standing in for GitHub's clone URLs: the C {@code git http-backend} (smart HTTP, fetch and push) behind
 * a tiny CGI bridge on the JDK's HTTP server, serving the bare repositories under a root. Like GitHub, it asks for
 * basic auth (401 with {@code WWW-Authenticate}) and takes only {@code x-access-token:<token>}.
 */
final class GitHttpBackend implements AutoCloseable {

    /** What each request carried: its method, path, and the user:password it authenticated with (null: none). */
    record Seen(String method, String path, String credentials) {}

    private final HttpServer http;
    private final Path root;
    private final String token;
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    GitHttpBackend(Path root, String token) throws IOException {
        this.root = root;
        this.token = token;
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.createContext("/", this::handle);
        http.start();
    }

    /** The clone URL of {@code owner/name}. */
    String url(String owner, String name) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/" + owner + "/" + name + ".git";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String credentials = basicAuth(exchange.getRequestHeaders().getFirst("Authorization"));
            seen.add(new Seen(
                    exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), credentials));
            if (credentials == null
                    || !MessageDigest.isEqual(
                            credentials.getBytes(StandardCharsets.UTF_8),
                            ("x-access-token:" + token).getBytes(StandardCharsets.UTF_8))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"GitHub\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            var cgi = new ProcessBuilder("git", "http-backend");
            var env = cgi.environment();
            env.put("GIT_PROJECT_ROOT", root.toString());
            env.put("GIT_HTTP_EXPORT_ALL", "1");
            env.put("REMOTE_USER", "x-access-token"); // lets http-backend accept pushes
            env.put("REMOTE_ADDR", "127.0.0.1");
            env.put("REQUEST_METHOD", exchange.getRequestMethod());
            env.put("PATH_INFO", exchange.getRequestURI().getRawPath());
            String query = exchange.getRequestURI().getRawQuery();
            env.put("QUERY_STRING", query == null ? "" : query);
            env.put("CONTENT_LENGTH", Integer.toString(body.length));
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                env.put("CONTENT_TYPE", type);
            }
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            if (encoding != null) {
                env.put("HTTP_CONTENT_ENCODING", encoding);
            }
            String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
            if (protocol != null) {
                env.put("GIT_PROTOCOL", protocol);
            }
            cgi.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process process = cgi.start();
            var feeding = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(body);
                } catch (IOException e) {
                    // http-backend stopped reading: its answer says why
                }
            });
            byte[] output;
            try (InputStream stdout = process.getInputStream()) {
                output = stdout.readAllBytes();
            }
            feeding.join();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                exchange.sendResponseHeaders(504, -1);
                return;
            }
            respond(exchange, output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Relays the CGI answer: header lines, a blank line, the body; {@code Status:} sets the code. */
    private static void respond(HttpExchange exchange, byte[] output) throws IOException {
        int end = -1;
        int bodyStart = -1;
        for (int i = 0; i + 1 < output.length; i++) {
            if (output[i] == '\n' && output[i + 1] == '\n') {
                end = i;
                bodyStart = i + 2;
                break;
            }
            if (i + 3 < output.length
                    && output[i] == '\r'
                    && output[i + 1] == '\n'
                    && output[i + 2] == '\r'
                    && output[i + 3] == '\n') {
                end = i;
                bodyStart = i + 4;
                break;
            }
        }
        if (end < 0) {
            exchange.sendResponseHeaders(502, -1);
            return;
        }
        int status = 200;
        for (String line : new String(output, 0, end, StandardCharsets.ISO_8859_1).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        var body = new ByteArrayOutputStream();
        body.write(output, bodyStart, output.length - bodyStart);
        exchange.sendResponseHeaders(status, body.size() == 0 ? -1 : body.size());
        if (body.size() > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                body.writeTo(out);
            }
        }
    }

    private static String basicAuth(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void close() {
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }
}
