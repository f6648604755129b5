package io.progy.cli.start;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server of {@code progy start}: the JDK's own {@code com.sun.net.httpserver}, bound to 127.0.0.1 only, and
 * guarded so that no other machine and no other web page can use it:
 *
 * <ul>
 *   <li>the {@code Host} header must name this server ({@code 127.0.0.1:PORT} or {@code localhost:PORT}), so a DNS
 *       rebinding page of another site cannot reach it under its own name;
 *   <li>every request needs the run's secret: the first URL carries it ({@code /?secret=…}), and the answer moves it
 *       into a cookie ({@code HttpOnly}, {@code SameSite=Strict}) and sends the browser on to {@code /} so that the
 *       secret leaves the address bar;
 *   <li>a request that changes anything ({@code POST}) must come from this origin: its {@code Origin} (or, without
 *       one, {@code Sec-Fetch-Site: same-origin}) is checked, and its body must be JSON, which a cross-site form
 *       cannot send;
 *   <li>every answer forbids framing, sniffing, caching and referrers, and pages may load nothing from elsewhere
 *       ({@code Content-Security-Policy}).
 * </ul>
 */
final class LearnServer implements AutoCloseable {
    static final String COOKIE = "progy_session";
    /** The largest request body read. */
    static final int MAX_BODY = 1 << 20;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** Handles one routed request. */
    @FunctionalInterface
    interface Handler {
        void handle(Request request) throws Exception;
    }

    private final HttpServer http;
    private final ExecutorService executor;
    private final String secret;
    private final int port;
    private final Set<String> hosts;
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();

    private LearnServer(HttpServer http, ExecutorService executor, String secret) {
        this.http = http;
        this.executor = executor;
        this.secret = secret;
        this.port = http.getAddress().getPort();
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
        http.createContext("/", this::dispatch);
    }

    /**
     * Binds 127.0.0.1:{@code port} (0 for a free port) and starts serving.
     *
     * @throws CliException with exit code 3 when the port is taken
     */
    static LearnServer start(int port) throws IOException {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            // without it the JDK's server stalls ~40 ms per response (Nagle + delayed ACK)
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        } catch (java.net.BindException e) {
            throw CliException.conflict("port " + port + " is in use: choose another with --port, or leave it out");
        }
        var threads = new AtomicInteger();
        var executor = Executors.newCachedThreadPool(task -> {
            var thread = new Thread(task, "progy-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(executor);
        var server = new LearnServer(http, executor, HexFormat.of().formatHex(RANDOM.generateSeed(24)));
        http.start();
        return server;
    }

    int port() {
        return port;
    }

    /** The address of the UI, without the secret. */
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The first URL to open: it carries the run's secret. */
    String firstUrl() {
        return baseUrl() + "/?secret=" + secret;
    }

    /** Adds a route: {@code GET /api/course}, {@code POST /api/run}, ... */
    void route(String method, String path, Handler handler) {
        routes.put(method + " " + path, handler);
    }

    private void dispatch(HttpExchange exchange) {
        try (exchange) {
            serve(exchange);
        }
    }

    /** Answers one request; the exchange is closed by the caller, after any error answer is sent. */
    private void serve(HttpExchange exchange) {
        try {
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Security-Policy", CSP);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Cache-Control", "no-store");
            var host = exchange.getRequestHeaders().getFirst("Host");
            if (host == null || !hosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
                refuse(exchange, 403, "This server answers only to 127.0.0.1:" + port + " (Host: " + host + ").");
                return;
            }
            var method = exchange.getRequestMethod();
            var path = exchange.getRequestURI().getRawPath();
            var query = query(exchange.getRequestURI().getRawQuery());
            if (path.equals("/") && query.containsKey("secret") && method.equals("GET")) {
                if (!matches(query.get("secret"))) {
                    refuse(exchange, 403, "This link is not the one progy start printed (or that run has stopped).");
                    return;
                }
                headers.add("Set-Cookie", COOKIE + "=" + secret + "; Path=/; HttpOnly; SameSite=Strict");
                headers.set("Location", "/");
                exchange.sendResponseHeaders(303, -1);
                return;
            }
            if (!matches(cookie(exchange))) {
                refuse(exchange, 403, "Open the link that progy start printed in your terminal: this page needs it.");
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                var problem = crossSiteProblem(exchange);
                if (problem != null) {
                    refuse(exchange, 403, problem);
                    return;
                }
            }
            var handler = routes.get(method + " " + path);
            if (handler == null) {
                refuse(
                        exchange,
                        routes.keySet().stream().anyMatch(k -> k.endsWith(" " + path)) ? 405 : 404,
                        "No such page: " + method + " " + path);
                return;
            }
            handler.handle(new Request(exchange, query));
        } catch (CliException e) {
            problem(exchange, statusOf(e), e.getMessage());
        } catch (UncheckedIOException | IOException e) {
            // the browser went away, or a file could not be read: the answer says so if it still can
            problem(exchange, 500, "progy could not answer: " + e.getMessage());
        } catch (Exception e) {
            problem(exchange, 500, "progy failed: " + e);
        }
    }

    /** Why a write request must be refused, or {@code null} when it comes from this page. */
    private String crossSiteProblem(HttpExchange exchange) {
        var origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null) {
            if (!(origin.equals("http://127.0.0.1:" + port) || origin.equals("http://localhost:" + port))) {
                return "Refused: a page of " + origin + " may not change anything here.";
            }
        } else if (!"same-origin".equals(exchange.getRequestHeaders().getFirst("Sec-Fetch-Site"))) {
            return "Refused: a change must come from progy's own page (no Origin).";
        }
        var type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return "Refused: changes are sent as application/json.";
        }
        return null;
    }

    private boolean matches(String candidate) {
        return candidate != null
                && MessageDigest.isEqual(
                        candidate.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    private static String cookie(HttpExchange exchange) {
        var headers = exchange.getRequestHeaders().get("Cookie");
        if (headers == null) {
            return null;
        }
        for (var header : headers) {
            for (var part : header.split(";")) {
                var pair = part.strip();
                if (pair.startsWith(COOKIE + "=")) {
                    return pair.substring(COOKIE.length() + 1);
                }
            }
        }
        return null;
    }

    static Map<String, String> query(String raw) {
        var query = new HashMap<String, String>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (var pair : raw.split("&")) {
            var eq = pair.indexOf('=');
            var key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            var value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(key, value);
        }
        return query;
    }

    private static int statusOf(CliException e) {
        return switch (e.exitCode()) {
            case ExitCode.USAGE -> e.getMessage().startsWith("no exercise") ? 404 : 400;
            case ExitCode.CONFLICT -> 409;
            case ExitCode.UNAVAILABLE -> 503;
            default -> 500;
        };
    }

    private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void problem(HttpExchange exchange, int status, String message) {
        try {
            var body = new HashMap<String, Object>();
            body.put("error", message);
            send(exchange, status, "application/json", compact(body));
        } catch (IOException | RuntimeException e) {
            // the answer was already started, or the browser left
        }
    }

    static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        var head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** JSON on one line (server-sent events need it so). */
    static byte[] compact(Object value) throws IOException {
        return Json.mapper()
                .writer()
                .without(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(value);
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    /** One request, with helpers to read it and answer. */
    record Request(HttpExchange exchange, Map<String, String> query) {
        /** A query parameter; exit 2 (400) when missing. */
        String param(String name) {
            var value = query.get(name);
            if (value == null || value.isBlank()) {
                throw CliException.usage("missing query parameter " + name);
            }
            return value;
        }

        /** The JSON body (at most {@value #MAX_BODY} bytes); an empty object when there is none. */
        JsonNode body() throws IOException {
            byte[] bytes;
            try (InputStream in = exchange.getRequestBody()) {
                bytes = in.readNBytes(MAX_BODY + 1);
            }
            if (bytes.length > MAX_BODY) {
                throw CliException.usage("the request is too large");
            }
            if (bytes.length == 0) {
                return Json.mapper().createObjectNode();
            }
            try {
                var node = Json.mapper().readTree(bytes);
                if (node == null || !node.isObject()) {
                    throw CliException.usage("the request must be a JSON object");
                }
                return node;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw CliException.usage("the request is not valid JSON");
            }
        }

        void json(Object value) throws IOException {
            send(exchange, 200, "application/json", Json.mapper().writeValueAsBytes(value));
        }

        void bytes(String type, byte[] body) throws IOException {
            send(exchange, 200, type, body);
        }
    }
}
