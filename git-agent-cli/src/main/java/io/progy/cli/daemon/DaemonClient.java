package io.progy.cli.daemon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Sends a {@code status} or {@code stop} request to the background process of a jar. */
public final class DaemonClient {
    private static final int TIMEOUT_MILLIS = 2000;

    private DaemonClient() {}

    /** The reply, or empty when no process answers for this jar. */
    public static Optional<String> request(DaemonPaths paths, String kind) {
        var info = paths.readInfo();
        if (info == null) {
            return Optional.empty();
        }
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", info.port()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            var out = socket.getOutputStream();
            out.write(DaemonProtocol.field(DaemonProtocol.VERSION));
            out.write(DaemonProtocol.field(info.secret()));
            out.write(DaemonProtocol.field(kind));
            out.flush();
            var reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return reply.isEmpty() ? Optional.empty() : Optional.of(reply);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
