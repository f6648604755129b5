package io.progy.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.orchestrator.ProgyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keep-alive client that sends its next request before the server has finished with the previous one must
 * still get every answer. Reactor Netty stops reading such a connection after it drains a request queued this
 * way (reactor/reactor-netty#4361); the next request then waits until the client gives up.
 */
class KeepAliveIT {

    @TempDir
    static Path dataDir;

    static ProgyServer.Running server;

    @BeforeAll
    static void start() {
        server = ProgyServer.start(
                Map.of("progy.data-dir", dataDir.toString(), "progy.sample-courses", "false", "server.port", "0"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @RepeatedTest(3)
    void aRequestSentAfterTwoPipelinedOnesIsAnswered() throws IOException {
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            var out = socket.getOutputStream();
            // The first answer comes from another thread (a password check), the second at once (no such route).
            String body = "{\"username\":\"nobody\",\"password\":\"not-the-password\"}";
            out.write(("POST /v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length() + "\r\n\r\n" + body
                            + "GET /v1/no-such-route HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 401");
            assertThat(readResponse(in)).startsWith("HTTP/1.1 404");

            out.write("GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
        }
    }

    /** Reads one response with a Content-Length body; a read timeout fails the test. */
    private static String readResponse(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes(length);
        return headers;
    }
}
