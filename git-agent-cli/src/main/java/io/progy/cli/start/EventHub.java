package io.progy.cli.start;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Server-sent events to the open pages ({@code GET /api/events}): check output as it is printed, results, progress.
 * Each page holds one streaming answer open; a comment line every {@value #HEARTBEAT_SECONDS} s finds the pages that
 * went away. At most {@value #MAX_CLIENTS} pages at once, so streams cannot use up the server's threads.
 */
final class EventHub implements AutoCloseable {
    static final int MAX_CLIENTS = 16;
    static final int HEARTBEAT_SECONDS = 15;

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private static final class Client {
        final OutputStream out;
        final CountDownLatch gone = new CountDownLatch(1);

        Client(OutputStream out) {
            this.out = out;
        }

        synchronized boolean write(byte[] bytes) {
            try {
                out.write(bytes);
                out.flush();
                return true;
            } catch (IOException e) {
                gone.countDown();
                return false;
            }
        }
    }

    /** Streams events to one page until it goes away or the hub closes; blocks the calling thread meanwhile. */
    void stream(HttpExchange exchange) throws IOException, InterruptedException {
        if (closed || clients.size() >= MAX_CLIENTS) {
            LearnServer.send(exchange, 503, "text/plain; charset=utf-8", "too many open pages\n".getBytes());
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        var client = new Client(exchange.getResponseBody());
        clients.add(client);
        try {
            if (!client.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8))) {
                return;
            }
            while (!closed && !client.gone.await(HEARTBEAT_SECONDS, TimeUnit.SECONDS)) {
                if (!client.write(": ping\n\n".getBytes(StandardCharsets.UTF_8))) {
                    return;
                }
            }
        } finally {
            clients.remove(client);
        }
    }

    /** Sends {@code data} as JSON to every page, as the event {@code name}. */
    void publish(String name, Object data) {
        byte[] bytes;
        try {
            bytes = ("event: " + name + "\ndata: " + new String(LearnServer.compact(data), StandardCharsets.UTF_8)
                            + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return;
        }
        for (var client : clients) {
            if (!client.write(bytes)) {
                clients.remove(client);
            }
        }
    }

    int clients() {
        return clients.size();
    }

    @Override
    public void close() {
        closed = true;
        for (var client : clients) {
            client.gone.countDown();
        }
    }
}
