package io.progy.cli.start;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so a test can send what a browser would never let a page set (a foreign
 * {@code Host}, no {@code Origin}) and read the raw answer.
 */
final class RawHttp {
    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            var values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    private RawHttp() {}

    static Response send(int port, String method, String path, Map<String, String> headers, String body)
            throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            var request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            var bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("Connection: close\r\n");
            if (body != null) {
                request.append("Content-Length: ").append(bytes.length).append("\r\n");
            }
            request.append("\r\n");
            var out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        var raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        var headEnd = raw.indexOf("\r\n\r\n");
        var head = raw.substring(0, headEnd).split("\r\n");
        var status = Integer.parseInt(head[0].split(" ")[1]);
        var headers = new LinkedHashMap<String, List<String>>();
        for (var i = 1; i < head.length; i++) {
            var colon = head[i].indexOf(':');
            headers.computeIfAbsent(
                            head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(head[i].substring(colon + 1).strip());
        }
        var body = raw.substring(headEnd + 4);
        if ("chunked"
                .equalsIgnoreCase(
                        headers.getOrDefault("transfer-encoding", List.of("")).get(0))) {
            body = unchunk(body);
        }
        return new Response(status, headers, body);
    }

    private static String unchunk(String body) {
        var out = new StringBuilder();
        var i = 0;
        while (i < body.length()) {
            var lineEnd = body.indexOf("\r\n", i);
            var size = Integer.parseInt(body.substring(i, lineEnd).strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
