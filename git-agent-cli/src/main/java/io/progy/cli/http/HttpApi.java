package io.progy.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.Json;
import io.progy.cli.Output;
import io.progy.cli.VersionProvider;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The HTTP client of the Progy API: java.net.http plus Jackson (snake_case). One place for the bearer
 * token, the {@code User-Agent: progy/<version>} header, timeouts, RFC 9457 problem parsing and the mapping
 * of failures to exit codes (401/403 → 6, 409 → 3, 400/404/413/422 → 2, 429/5xx/unreachable → 5).
 */
public final class HttpApi {
    /** Whether a request carries the stored token. */
    public enum Auth {
        /** Never send a token (signup, login). */
        NONE,
        /** Send the token when there is one. */
        OPTIONAL,
        /** Fail with "not logged in" before sending anything when there is no token. */
        REQUIRED
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * One client per connect timeout for the whole process: each client owns a selector thread and a connection
     * pool, so the background process (io.progy.cli.daemon) would otherwise gather one per command. Requests carry
     * their own token and timeout, so sharing leaks nothing between commands.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Duration, HttpClient> CLIENTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);

    private final String server;
    private final String token;
    private final Output output;
    private final HttpClient client;
    private final Duration requestTimeout;

    /**
     * @param server base URL without trailing slash, e.g. {@code http://127.0.0.1:8080}
     * @param token bearer token, or null when not logged in
     */
    public HttpApi(String server, String token, Output output) {
        this(server, token, output, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    /**
     * A client whose connections and JSON requests each give up after {@code timeout}: for work in the background
     * of a command, such as sending queued check events, which must never hold the student up for long.
     */
    public HttpApi(String server, String token, Output output, Duration timeout) {
        this(server, token, output, timeout, timeout);
    }

    private HttpApi(String server, String token, Output output, Duration connectTimeout, Duration requestTimeout) {
        this.server = server;
        this.token = token;
        this.output = output;
        this.requestTimeout = requestTimeout;
        this.client = CLIENTS.computeIfAbsent(connectTimeout, timeout -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build());
    }

    public String server() {
        return server;
    }

    public boolean hasToken() {
        return token != null;
    }

    /** Percent-encodes a query parameter value (spaces as %20, which every server decodes alike). */
    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public <T> T get(String path, Class<T> type, Auth auth) {
        return exchange(request(path, auth).GET(), type, auth);
    }

    /** POST a JSON body (null for none); {@code type} Void.class to ignore the response body. */
    public <T> T post(String path, Object body, Class<T> type, Auth auth) {
        return exchange(
                request(path, auth).POST(jsonBody(body)).header("Content-Type", "application/json"), type, auth);
    }

    /**
     * An OAuth-style answer: 200 with a JSON body, or an RFC 6749 error ({@code error}, {@code
     * error_description}) with its status.
     */
    public record FormAnswer(int status, JsonNode body) {
        public boolean ok() {
            return status == 200;
        }

        /** The OAuth {@code error} code, or "" on success. */
        public String error() {
            return ok() ? "" : body.path("error").asText("");
        }

        public String errorDescription() {
            return body.path("error_description").asText(error());
        }
    }

    /**
     * POSTs an {@code application/x-www-form-urlencoded} form without a token (the OAuth endpoints). A 400 or
     * 401 with an OAuth {@code error} is returned, not thrown; anything else that is not 200 (429, 5xx, an
     * unreachable server) throws as every other call does.
     */
    public FormAnswer postForm(String path, java.util.Map<String, String> form) {
        var body = new StringBuilder();
        form.forEach((name, value) -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        var request = request(path, Auth.NONE)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        var response = send(request, BodyHandlers.ofByteArray());
        int status = response.statusCode();
        JsonNode json = null;
        try {
            json = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            // not JSON: handled below
        }
        boolean oauthError = (status == 400 || status == 401) && json != null && json.hasNonNull("error");
        if ((status == 200 && json != null && json.isObject()) || oauthError) {
            return new FormAnswer(status, json);
        }
        throw failure(status, response.headers(), response.body(), false);
    }

    public <T> T delete(String path, Class<T> type, Auth auth) {
        return exchange(request(path, auth).DELETE(), type, auth);
    }

    /**
     * Uploads one file as {@code multipart/form-data} part {@code partName}, streamed from disk (never held
     * in memory whole).
     */
    public <T> T postFile(String path, String partName, Path file, Class<T> type, Auth auth) {
        var boundary = "progy-" + UUID.randomUUID();
        var head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + partName + "\"; filename=\"" + file.getFileName()
                + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        var tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest.BodyPublisher fileBody;
        try {
            fileBody = BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(new NoSuchFileException(file.toString()));
        }
        var body = BodyPublishers.concat(
                BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                fileBody,
                BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
        var builder = request(path, auth)
                .timeout(UPLOAD_TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body);
        return exchange(builder, type, auth);
    }

    /**
     * Streams a download into {@code target} (created or replaced), computing its SHA-256 on the way.
     *
     * @param path an absolute path on the server ({@code /v1/registry/download/...}) or an absolute URL
     */
    public Download download(String path, Path target, TransferListener listener) {
        var builder = HttpRequest.newBuilder(uri(path))
                .header("User-Agent", userAgent())
                .header("Accept", "application/octet-stream, application/problem+json")
                .GET();
        var request = builder.build();
        var response = send(request, BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw failure(response.statusCode(), response.headers(), body.readAllBytes(), false);
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            var digest = sha256();
            long size = 0;
            listener.started(total);
            try (var out = Files.newOutputStream(target)) {
                var buffer = new byte[64 * 1024];
                int n;
                while ((n = body.read(buffer)) != -1) {
                    out.write(buffer, 0, n);
                    digest.update(buffer, 0, n);
                    size += n;
                    listener.transferred(n);
                }
            } finally {
                listener.close();
            }
            if (total >= 0 && size != total) {
                throw new CliException(
                        ExitCode.UNAVAILABLE,
                        "download from " + server + " ended early: got " + size + " of " + total + " bytes");
            }
            return new Download(
                    target,
                    size,
                    HexFormat.of().formatHex(digest.digest()),
                    response.headers().firstValue("X-Progy-Sha256").orElse(null));
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.UNAVAILABLE, "download from " + server + " failed: " + describe(e) + "; try again", e);
        }
    }

    private HttpRequest.Builder request(String path, Auth auth) {
        var builder = HttpRequest.newBuilder(uri(path))
                .timeout(requestTimeout)
                .header("User-Agent", userAgent())
                .header("Accept", "application/json, application/problem+json");
        if (auth == Auth.REQUIRED && token == null) {
            throw CliException.notLoggedIn();
        }
        if (auth != Auth.NONE && token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private URI uri(String path) {
        if (path.startsWith("http://") || path.startsWith("https://")) {
            return URI.create(path);
        }
        return URI.create(server + (path.startsWith("/") ? path : "/" + path));
    }

    private static String userAgent() {
        return "progy/" + VersionProvider.version();
    }

    private static HttpRequest.BodyPublisher jsonBody(Object body) {
        if (body == null) {
            return BodyPublishers.noBody();
        }
        try {
            return BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T exchange(HttpRequest.Builder builder, Class<T> type, Auth auth) {
        var request = builder.build();
        var response = send(request, BodyHandlers.ofByteArray());
        boolean sentToken = request.headers().firstValue("Authorization").isPresent();
        if (response.statusCode() == 401 && auth == Auth.OPTIONAL && sentToken) {
            // An expired or revoked stored token must not break what works anonymously (search, init).
            output.debug("the server rejected the token; retrying without it");
            request = HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))
                    .build();
            response = send(request, BodyHandlers.ofByteArray());
            sentToken = false;
        }
        var body = response.body();
        if (response.statusCode() / 100 != 2) {
            throw failure(response.statusCode(), response.headers(), body, sentToken);
        }
        if (type == Void.class || body.length == 0) {
            return null;
        }
        try {
            return Json.mapper().readValue(body, type);
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.UNAVAILABLE,
                    "unexpected answer from the Progy server at " + server + " (" + request.method() + " "
                            + request.uri().getPath() + "): " + e.getMessage(),
                    e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler) {
        long start = System.nanoTime();
        try {
            var response = client.send(request, handler);
            output.debug(request.method() + " " + request.uri() + " → " + response.statusCode() + " ("
                    + (System.nanoTime() - start) / 1_000_000 + " ms)");
            return response;
        } catch (IOException e) {
            output.debug(request.method() + " " + request.uri() + " failed: " + e);
            throw new CliException(
                    ExitCode.UNAVAILABLE, "cannot reach the Progy server at " + server + " (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILURE, "interrupted", e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        var message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private ApiException failure(int status, HttpHeaders headers, byte[] body, boolean sentToken) {
        var problem = parseProblem(status, body);
        output.debug("problem: status=" + status + " code=" + problem.code() + " detail=" + problem.detail());
        int exitCode;
        String message;
        if (status == 401) {
            exitCode = ExitCode.AUTH;
            message = sentToken ? CliException.notLoggedIn().getMessage() : problem.message();
        } else if (status == 403) {
            exitCode = ExitCode.AUTH;
            message = problem.message();
        } else if (status == 409) {
            exitCode = ExitCode.CONFLICT;
            message = problem.message();
        } else if (status == 429) {
            exitCode = ExitCode.UNAVAILABLE;
            message = "the Progy server at " + server + " is rate limiting requests"
                    + headers.firstValue("Retry-After")
                            .map(s -> "; try again in " + s + " s")
                            .orElse("; try again later");
        } else if (status >= 500) {
            exitCode = ExitCode.UNAVAILABLE;
            message = "the Progy server at " + server + " failed: " + problem.message() + " (HTTP " + status + ")";
        } else if (status >= 400) {
            exitCode = ExitCode.USAGE;
            message = problem.message();
        } else {
            exitCode = ExitCode.UNAVAILABLE;
            message = "unexpected HTTP " + status + " from the Progy server at " + server;
        }
        if (!problem.errors().isEmpty()) {
            var lines = new StringBuilder(message);
            for (var error : problem.errors()) {
                lines.append(System.lineSeparator())
                        .append("  ")
                        .append(error.field())
                        .append(": ")
                        .append(error.message());
            }
            message = lines.toString();
        }
        long retryAfter = status == 429
                ? headers.firstValue("Retry-After")
                        .map(value -> {
                            try {
                                return Long.parseLong(value.trim());
                            } catch (NumberFormatException e) {
                                return -1L;
                            }
                        })
                        .orElse(-1L)
                : -1L;
        return new ApiException(exitCode, message, problem, retryAfter);
    }

    private static ApiProblem parseProblem(int status, byte[] body) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node != null && node.isObject()) {
                var errors = new ArrayList<ApiProblem.FieldError>();
                for (var error : node.path("errors")) {
                    errors.add(new ApiProblem.FieldError(text(error, "field"), text(error, "message")));
                }
                return new ApiProblem(
                        status, text(node, "code"), text(node, "title"), text(node, "detail"), List.copyOf(errors));
            }
        } catch (IOException e) {
            // not JSON: fall through to a problem without detail
        }
        return new ApiProblem(status, null, null, null, List.of());
    }

    private static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
