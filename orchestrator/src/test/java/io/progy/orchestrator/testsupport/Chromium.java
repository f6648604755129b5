package io.progy.orchestrator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A real headless Chromium driven over the Chrome DevTools Protocol (a WebSocket, with the JDK's own client): no
 * WebDriver, no browser download. The system's {@code chromium} is used (Debian: {@code apt-get install chromium}).
 */
public final class Chromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private Chromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** The browser program on the PATH, if there is one. */
    public static Optional<Path> find() {
        for (var name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (var dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                var candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts the browser with a fresh profile in {@code profile} and attaches to its first tab. */
    public static Chromium launch(Path program, Path profile) throws Exception {
        var process = new ProcessBuilder(
                        program.toString(),
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "--window-size=1280,1000",
                        "about:blank")
                .redirectErrorStream(true)
                .start();
        var browserUrl = new CompletableFuture<String>();
        var reader = new Thread(
                () -> {
                    try (var lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            var matcher = LISTENING.matcher(line);
                            if (matcher.find()) {
                                browserUrl.complete(matcher.group(1));
                            }
                        }
                    } catch (IOException e) {
                        // the browser went away
                    }
                    browserUrl.completeExceptionally(new IOException("chromium exited before listening"));
                },
                "chromium-output");
        reader.setDaemon(true);
        reader.start();
        try {
            var endpoint = URI.create(browserUrl.get(60, TimeUnit.SECONDS));
            var http = HttpClient.newHttpClient();
            var port = endpoint.getPort();
            JsonNode targets = null;
            for (var attempt = 0; attempt < 50; attempt++) {
                var list = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                targets = JSON.readTree(list.body());
                if (targets.isArray() && targets.size() > 0) {
                    break;
                }
                Thread.sleep(100);
            }
            String pageSocket = null;
            for (var target : targets) {
                if (target.path("type").asText().equals("page")) {
                    pageSocket = target.path("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (pageSocket == null) {
                throw new IOException("chromium has no page to drive: " + targets);
            }
            var holder = new Chromium[1];
            var listener = new Listener(holder);
            var socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create(pageSocket), listener)
                    .get(30, TimeUnit.SECONDS);
            holder[0] = new Chromium(process, socket);
            holder[0].send("Page.enable", Map.of());
            holder[0].send("Runtime.enable", Map.of());
            return holder[0];
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Collects WebSocket frames into messages and completes the command each answers. */
    private static final class Listener implements WebSocket.Listener {
        private final Chromium[] owner;
        private final StringBuilder message = new StringBuilder();

        Listener(Chromium[] owner) {
            this.owner = owner;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                var text = message.toString();
                message.setLength(0);
                try {
                    var node = JSON.readTree(text);
                    if (node.has("id") && owner[0] != null) {
                        var future = owner[0].pending.remove(node.get("id").asInt());
                        if (future != null) {
                            if (node.has("error")) {
                                future.completeExceptionally(new IOException("CDP error: " + node.get("error")));
                            } else {
                                future.complete(node.path("result"));
                            }
                        }
                    }
                } catch (IOException e) {
                    // not JSON: ignore
                }
            }
            socket.request(1);
            return null;
        }
    }

    /** Sends one DevTools command and waits for its result. */
    public JsonNode send(String method, Map<String, Object> params) throws Exception {
        var id = ids.incrementAndGet();
        var future = new CompletableFuture<JsonNode>();
        pending.put(id, future);
        ObjectNode command = JSON.createObjectNode();
        command.put("id", id);
        command.put("method", method);
        command.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(command), true).get(10, TimeUnit.SECONDS);
        return future.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    public void navigate(String url) throws Exception {
        send("Page.navigate", Map.of("url", url));
    }

    /** Evaluates JavaScript in the page (promises awaited) and returns its value. */
    public JsonNode eval(String expression) throws Exception {
        var result =
                send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("JavaScript failed: " + expression + "\n" + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until {@code expression} is true in the page. */
    public void waitFor(String expression, Duration timeout, Supplier<String> whatWasSeen) throws Exception {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (eval("Boolean(" + expression + ")").asBoolean(false)) {
                    return;
                }
            } catch (AssertionError e) {
                // the page is between two loads: try again
            } catch (Exception e) {
                if (!betweenPages(e)) {
                    throw e;
                }
                // the evaluation raced a navigation: try again in the new page
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + expression + "; the page shows:\n" + whatWasSeen.get());
    }

    /** Whether DevTools refused an evaluation because the page navigated while it ran. */
    private static boolean betweenPages(Throwable error) {
        for (var cause = error; cause != null; cause = cause.getCause()) {
            var message = String.valueOf(cause.getMessage());
            if (message.contains("Inspected target navigated or closed")
                    || message.contains("Execution context was destroyed")
                    || message.contains("Cannot find context with specified id")) {
                return true;
            }
        }
        return false;
    }

    /** The page's visible text, for failure messages. */
    public String text() {
        try {
            return eval("document.body ? document.body.innerText : ''").asText();
        } catch (Exception e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Runs a statement that navigates (a form's submit()): the page may be gone before DevTools answers. */
    public void navigateBy(String statement) throws Exception {
        try {
            eval(statement);
        } catch (Exception e) {
            if (!betweenPages(e)) {
                throw e;
            }
        }
    }

    public void click(String selector) throws Exception {
        JsonNode found;
        try {
            found = eval("(() => { const el = document.querySelector(" + JSON.writeValueAsString(selector)
                    + "); if (!el) return false; el.scrollIntoView(); el.click(); return true; })()");
        } catch (Exception e) {
            if (betweenPages(e)) {
                return; // the click navigated before DevTools answered
            }
            throw e;
        }
        if (!found.asBoolean()) {
            throw new AssertionError("no " + selector + " to click; the page shows:\n" + text());
        }
    }

    /** Saves a PNG of the page. */
    public void screenshot(Path file) throws Exception {
        var shot = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (RuntimeException e) {
            // closing anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
