package io.progy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.progy.format.SafeUnpacker;
import io.progy.format.SemVer;
import io.progy.format.Sha256;
import io.progy.format.UnpackLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A small in-test Progy server (JDK HttpServer) that follows the SPEC's HTTP API for accounts and the
 * registry, so tests drive the real CLI main over real HTTP. Start the JVM with
 * {@code -Dsun.net.httpserver.nodelay=true} (the pom does) to avoid JDK 17's 40 ms stalls.
 */
final class FakeProgyServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESOLVE = Pattern.compile("/v1/registry/resolve/([^/]+)/([^/]+)");
    private static final Pattern DOWNLOAD = Pattern.compile("/v1/registry/download/([^/]+)/([^/]+)/([^/]+)");
    private static final Pattern YANK = Pattern.compile("/v1/registry/([^/]+)/([^/]+)/([^/]+)/yank");

    final Map<String, Map<String, byte[]>> courses = new ConcurrentHashMap<>();
    final Map<String, String> descriptions = new ConcurrentHashMap<>();
    final Set<String> yanked = ConcurrentHashMap.newKeySet();
    final Map<String, String> passwords = new ConcurrentHashMap<>();
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger downloads = new AtomicInteger();
    /** When set, downloads send these bytes while resolve and headers still announce the real sha256. */
    volatile byte[] corruptDownload;
    /** Check events received, per user, in the order they came; each a JSON object as sent. */
    final Map<String, List<com.fasterxml.jackson.databind.JsonNode>> events = new ConcurrentHashMap<>();
    /** When not 200, {@code POST /v1/telemetry/events} answers this status with a problem instead. */
    volatile int eventsStatus = 200;

    private final HttpServer server;

    FakeProgyServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void publish(String name, String version, byte[] archive) {
        courses.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).put(version, archive);
    }

    void addUser(String username, String password) {
        passwords.put(username, password);
    }

    String issueToken(String username) {
        var token = "progy_test_" + username + "_" + tokens.size();
        tokens.put(token, username);
        return token;
    }

    long count(String methodAndPathPrefix) {
        return requests.stream().filter(r -> r.startsWith(methodAndPathPrefix)).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var method = exchange.getRequestMethod();
            var path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            var query = query(exchange.getRequestURI().getRawQuery());
            java.util.regex.Matcher m;
            var token = bearer(exchange);
            if (token != null && !tokens.containsKey(token)) {
                // like a bearer-token filter: a bad token is refused even where none is needed
                problem(exchange, 401, "UNAUTHORIZED", "invalid or expired token");
            } else if (method.equals("POST") && path.equals("/v1/auth/signup")) {
                signup(exchange);
            } else if (method.equals("POST") && path.equals("/v1/auth/token")) {
                token(exchange);
            } else if (method.equals("DELETE") && path.equals("/v1/auth/token")) {
                var user = user(exchange);
                if (user != null) {
                    tokens.remove(bearer(exchange));
                    exchange.sendResponseHeaders(204, -1);
                }
            } else if (method.equals("GET") && path.equals("/v1/user")) {
                var user = user(exchange);
                if (user != null) {
                    json(
                            exchange,
                            200,
                            Map.of(
                                    "username",
                                    user,
                                    "email",
                                    user + "@example.com",
                                    "created_at",
                                    "2025-01-01T00:00:00Z"));
                }
            } else if (method.equals("GET") && (m = RESOLVE.matcher(path)).matches()) {
                resolve(exchange, "@" + m.group(1) + "/" + m.group(2), query.get("range"));
            } else if (method.equals("GET") && (m = DOWNLOAD.matcher(path)).matches()) {
                download(exchange, "@" + m.group(1) + "/" + m.group(2), m.group(3));
            } else if (method.equals("GET") && path.equals("/v1/registry/search")) {
                search(exchange, query.getOrDefault("q", ""));
            } else if (method.equals("POST") && path.equals("/v1/registry/publish")) {
                publish(exchange);
            } else if (method.equals("POST") && path.equals("/v1/telemetry/events")) {
                var user = user(exchange);
                if (user != null) {
                    events(exchange, user);
                }
            } else if ((m = YANK.matcher(path)).matches()) {
                yank(exchange, "@" + m.group(1) + "/" + m.group(2), m.group(3), method.equals("POST"));
            } else {
                problem(exchange, 404, "NOT_FOUND", "no route " + method + " " + path);
            }
        }
    }

    /** Stores the batch's events unless an event with the same id came before (the SPEC's idempotent replay). */
    private void events(HttpExchange exchange, String user) throws IOException {
        if (eventsStatus != 200) {
            problem(exchange, eventsStatus, eventsStatus == 400 ? "INVALID_REQUEST" : "INTERNAL", "refused");
            return;
        }
        var received = events.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>());
        int accepted = 0;
        int duplicates = 0;
        for (var event : JSON.readTree(exchange.getRequestBody()).path("events")) {
            var id = event.path("event_id").asText();
            if (received.stream().anyMatch(e -> e.path("event_id").asText().equals(id))) {
                duplicates++;
            } else {
                received.add(event);
                accepted++;
            }
        }
        json(exchange, 200, Map.of("accepted", accepted, "duplicates", duplicates, "rejected", List.of()));
    }

    private void signup(HttpExchange exchange) throws IOException {
        var body = JSON.readTree(exchange.getRequestBody());
        var username = body.path("username").asText();
        if (passwords.containsKey(username)) {
            problem(exchange, 409, "USERNAME_TAKEN", "username or email already taken");
            return;
        }
        passwords.put(username, body.path("password").asText());
        json(
                exchange,
                201,
                Map.of(
                        "username",
                        username,
                        "email",
                        body.path("email").asText(),
                        "created_at",
                        "2025-01-01T00:00:00Z"));
    }

    private void token(HttpExchange exchange) throws IOException {
        var body = JSON.readTree(exchange.getRequestBody());
        var username = body.path("username").asText();
        if (!body.path("password").asText().equals(passwords.get(username))) {
            problem(exchange, 401, "UNAUTHORIZED", "invalid username or password");
            return;
        }
        var result = new LinkedHashMap<String, Object>();
        result.put("token", issueToken(username));
        result.put("token_id", "t1");
        result.put("scopes", List.of("read", "publish", "progress", "git"));
        result.put("expires_at", "2099-01-01T00:00:00Z");
        json(exchange, 200, result);
    }

    /** Without a range, a course whose every version is yanked answers 200 with latest and resolved null. */
    private void resolve(HttpExchange exchange, String name, String range) throws IOException {
        var versions = courses.get(name);
        if (versions == null) {
            problem(exchange, 404, "NOT_FOUND", "course " + name + " not found");
            return;
        }
        if (range != null && !SemVer.isValidRange(range)) {
            problem(exchange, 400, "INVALID_VERSION", "invalid range " + range);
            return;
        }
        var yankedHere = new java.util.HashSet<String>();
        versions.keySet().stream().filter(v -> yanked.contains(name + "@" + v)).forEach(yankedHere::add);
        var chosen = SemVer.select(versions.keySet(), range == null ? "latest" : range, yankedHere);
        if (chosen.isEmpty() && range != null) {
            problem(exchange, 404, "NOT_FOUND", "no version matches range " + range);
            return;
        }
        var sorted = new ArrayList<>(versions.keySet());
        sorted.sort(SemVer.ORDER.reversed());
        var list = new ArrayList<Map<String, Object>>();
        for (var v : sorted) {
            var bytes = versions.get(v);
            var entry = new LinkedHashMap<String, Object>();
            entry.put("version", v);
            entry.put("sha256", sha256(bytes));
            entry.put("size", bytes.length);
            entry.put("yanked", yanked.contains(name + "@" + v));
            entry.put("published_at", "2025-01-02T03:04:05Z");
            list.add(entry);
        }
        LinkedHashMap<String, Object> resolved = null;
        if (chosen.isPresent()) {
            var version = chosen.get();
            var bytes = versions.get(version);
            resolved = new LinkedHashMap<>();
            resolved.put("version", version);
            resolved.put("sha256", sha256(bytes));
            resolved.put("size", bytes.length);
            resolved.put("download_url", "/v1/registry/download/" + name.substring(1) + "/" + version);
        }
        var result = new LinkedHashMap<String, Object>();
        result.put("name", name);
        result.put("description", descriptions.getOrDefault(name, "A course"));
        result.put(
                "latest", SemVer.select(versions.keySet(), "latest", yankedHere).orElse(null));
        result.put("versions", list);
        result.put("resolved", resolved);
        json(exchange, 200, result);
    }

    private void download(HttpExchange exchange, String name, String version) throws IOException {
        var bytes = courses.getOrDefault(name, Map.of()).get(version);
        if (bytes == null) {
            problem(exchange, 404, "NOT_FOUND", "no such version");
            return;
        }
        downloads.incrementAndGet();
        var body = corruptDownload != null ? corruptDownload : bytes;
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().set("X-Progy-Sha256", sha256(bytes));
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void search(HttpExchange exchange, String q) throws IOException {
        var results = new ArrayList<Map<String, Object>>();
        for (var name : new java.util.TreeSet<>(courses.keySet())) {
            var description = descriptions.getOrDefault(name, "A course");
            if (q.isBlank()
                    || name.contains(q.toLowerCase())
                    || description.toLowerCase().contains(q.toLowerCase())) {
                var hit = new LinkedHashMap<String, Object>();
                hit.put("name", name);
                hit.put("description", description);
                hit.put("keywords", List.of());
                hit.put(
                        "latest",
                        SemVer.select(courses.get(name).keySet(), "latest", Set.of())
                                .orElse(null));
                hit.put("updated_at", "2025-01-02T03:04:05Z");
                results.add(hit);
            }
        }
        var page = new LinkedHashMap<String, Object>();
        page.put("query", q);
        page.put("page", 1);
        page.put("per_page", 20);
        page.put("total", results.size());
        page.put("results", results);
        json(exchange, 200, page);
    }

    private void publish(HttpExchange exchange) throws IOException {
        var user = user(exchange);
        if (user == null) {
            return;
        }
        var contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        var boundary = "--" + contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
        var body = exchange.getRequestBody().readAllBytes();
        var start = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0) + 4;
        var end = indexOf(body, ("\r\n" + boundary + "--").getBytes(StandardCharsets.ISO_8859_1), start);
        var archive = Arrays.copyOfRange(body, start, end);
        var temp = Files.createTempFile("fake-publish", ".progy");
        try {
            Files.write(temp, archive);
            var info = SafeUnpacker.inspect(temp, UnpackLimits.DEFAULT);
            var name = info.manifest().courseName();
            if (!name.scope().equals(user)) {
                problem(exchange, 403, "FORBIDDEN", "you may only publish under @" + user);
                return;
            }
            var versions = courses.computeIfAbsent(name.toString(), n -> new ConcurrentHashMap<>());
            if (versions.putIfAbsent(info.manifest().version(), archive) != null) {
                problem(
                        exchange,
                        409,
                        "VERSION_EXISTS",
                        name + "@" + info.manifest().version() + " already exists");
                return;
            }
            var result = new LinkedHashMap<String, Object>();
            result.put("name", name.toString());
            result.put("version", info.manifest().version());
            result.put("sha256", Sha256.of(temp));
            result.put("size", archive.length);
            result.put("file_count", info.fileCount());
            result.put("published_at", "2025-01-02T03:04:05Z");
            json(exchange, 201, result);
        } catch (RuntimeException e) {
            problem(exchange, 400, "INVALID_ARCHIVE", e.getMessage());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void yank(HttpExchange exchange, String name, String version, boolean yank) throws IOException {
        var user = user(exchange);
        if (user == null) {
            return;
        }
        if (!courses.getOrDefault(name, Map.of()).containsKey(version)) {
            problem(exchange, 404, "NOT_FOUND", name + "@" + version + " not found");
            return;
        }
        if (yank) {
            yanked.add(name + "@" + version);
        } else {
            yanked.remove(name + "@" + version);
        }
        json(exchange, 200, Map.of("name", name, "version", version, "yanked", yank));
    }

    /** The caller's username, or null after answering 401. */
    private String user(HttpExchange exchange) throws IOException {
        var token = bearer(exchange);
        var user = token == null ? null : tokens.get(token);
        if (user == null) {
            problem(exchange, 401, "UNAUTHORIZED", "missing or invalid token");
        }
        return user;
    }

    private static String bearer(HttpExchange exchange) {
        var header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        var bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static void problem(HttpExchange exchange, int status, String code, String detail) throws IOException {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", code);
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        var bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        var result = new LinkedHashMap<String, String>();
        if (raw == null) {
            return result;
        }
        for (var pair : raw.split("&")) {
            var eq = pair.indexOf('=');
            var key = eq < 0 ? pair : pair.substring(0, eq);
            var value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.put(key, value);
        }
        return result;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("malformed multipart body");
    }
}
