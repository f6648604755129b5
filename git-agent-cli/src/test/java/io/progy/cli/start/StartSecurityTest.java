package io.progy.cli.start;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.cli.ProgyFormatCourse;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** progy start answers only its own page: the Host, the per-run secret and the origin of writes are checked. */
class StartSecurityTest {
    @TempDir
    static Path tmp;

    static StartedProgy progy;
    static Path course;

    @BeforeAll
    static void start() throws Exception {
        course = ProgyFormatCourse.copy(tmp.resolve("course"));
        Files.writeString(tmp.resolve("secret.txt"), "outside the course\n");
        progy = StartedProgy.start(course, tmp.resolve("home"), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        assertThat(progy.stop()).isZero();
    }

    private Map<String, String> own() {
        return Map.of("Host", "127.0.0.1:" + progy.port, "Cookie", LearnServer.COOKIE + "=" + progy.secret);
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        var map = new java.util.LinkedHashMap<>(base);
        for (var i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void theFirstLinkSetsAStrictHttpOnlyCookieAndDropsTheSecretFromTheAddress() throws Exception {
        var response = RawHttp.send(
                progy.port, "GET", "/?secret=" + progy.secret, Map.of("Host", "127.0.0.1:" + progy.port), null);

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo("/");
        assertThat(response.header("Set-Cookie"))
                .isEqualTo(LearnServer.COOKIE + "=" + progy.secret + "; Path=/; HttpOnly; SameSite=Strict");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(RawHttp.send(progy.port, "GET", "/api/course", own(), null).status())
                .isEqualTo(200);
        assertThat(RawHttp.send(progy.port, "GET", "/api/course", with(own(), "Host", "localhost:" + progy.port), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aForeignHostIsRefusedEvenWithTheSecret() throws Exception {
        var rebound = RawHttp.send(
                progy.port, "GET", "/api/course", with(own(), "Host", "attacker.example:" + progy.port), null);

        assertThat(rebound.status()).isEqualTo(403);
        assertThat(rebound.body()).contains("answers only to 127.0.0.1:" + progy.port);
        assertThat(rebound.body()).doesNotContain("SRP Demo");
        var bootstrap =
                RawHttp.send(progy.port, "GET", "/?secret=" + progy.secret, Map.of("Host", "attacker.example"), null);
        assertThat(bootstrap.status()).isEqualTo(403);
        assertThat(bootstrap.header("Set-Cookie")).isNull();
    }

    @Test
    void withoutTheSecretNothingIsServed() throws Exception {
        var host = Map.of("Host", "127.0.0.1:" + progy.port);
        for (var path : new String[] {"/", "/api/course", "/api/events", "/assets/app.js"}) {
            var response = RawHttp.send(progy.port, "GET", path, host, null);
            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(response.body()).as(path).contains("Open the link that progy start printed");
        }
        var wrong = RawHttp.send(progy.port, "GET", "/?secret=0123456789abcdef", host, null);
        assertThat(wrong.status()).isEqualTo(403);
        var wrongCookie = RawHttp.send(
                progy.port, "GET", "/api/course", with(host, "Cookie", LearnServer.COOKIE + "=guess"), null);
        assertThat(wrongCookie.status()).isEqualTo(403);
    }

    @Test
    void writesFromAnotherOriginOrWithoutJsonAreRefused() throws Exception {
        var body = "{\"theme\": \"dark\"}";
        var foreign = RawHttp.send(
                progy.port,
                "POST",
                "/api/settings",
                with(own(), "Origin", "http://attacker.example", "Content-Type", "application/json"),
                body);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body()).contains("a page of http://attacker.example may not change anything here");

        var noOrigin = RawHttp.send(
                progy.port, "POST", "/api/settings", with(own(), "Content-Type", "application/json"), body);
        assertThat(noOrigin.status()).isEqualTo(403);

        var form = RawHttp.send(
                progy.port,
                "POST",
                "/api/settings",
                with(own(), "Origin", "http://127.0.0.1:" + progy.port, "Content-Type", "text/plain"),
                body);
        assertThat(form.status()).isEqualTo(403);
        assertThat(Files.exists(course.resolve(".progy/settings.json"))).isFalse();

        var own = RawHttp.send(
                progy.port,
                "POST",
                "/api/settings",
                with(own(), "Origin", "http://127.0.0.1:" + progy.port, "Content-Type", "application/json"),
                body);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(Files.readString(course.resolve(".progy/settings.json"))).contains("dark");
    }

    @Test
    void filesOutsideTheCourseOrInItsGitAndStateDirectoriesAreNotServed() throws Exception {
        for (var path :
                new String[] {"../secret.txt", "/etc/passwd", ".progy/state.json", "content/../../secret.txt"}) {
            var response = RawHttp.send(
                    progy.port, "GET", "/api/asset?path=" + java.net.URLEncoder.encode(path, "UTF-8"), own(), null);
            assertThat(response.status()).as(path).isEqualTo(400);
        }
        var notAnImage = RawHttp.send(progy.port, "GET", "/api/asset?path=course.json", own(), null);
        assertThat(notAnImage.status()).isEqualTo(400);
        var cover = RawHttp.send(progy.port, "GET", "/api/cover", own(), null);
        assertThat(cover.status()).isEqualTo(200);
        assertThat(cover.header("Content-Type")).isEqualTo("image/svg+xml");
        assertThat(cover.header("Content-Security-Policy")).startsWith("sandbox");

        var open = RawHttp.send(
                progy.port,
                "POST",
                "/api/open",
                with(own(), "Origin", "http://127.0.0.1:" + progy.port, "Content-Type", "application/json"),
                "{\"path\": \"../secret.txt\"}");
        assertThat(open.status()).isEqualTo(400);
    }

    @Test
    void theServerListensOnTheLoopbackInterfaceOnly() throws Exception {
        for (var network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (var address : Collections.list(network.getInetAddresses())) {
                if (!address.isLoopbackAddress() && address instanceof java.net.Inet4Address) {
                    try (var socket = new Socket()) {
                        socket.connect(new java.net.InetSocketAddress(address, progy.port), 2_000);
                        throw new AssertionError("progy start answered on " + address);
                    } catch (java.io.IOException expected) {
                        // refused: good
                    }
                }
            }
        }
        assertThat(InetAddress.getByName("127.0.0.1").isLoopbackAddress()).isTrue();
    }
}
