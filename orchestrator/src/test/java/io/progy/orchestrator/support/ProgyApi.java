package io.progy.orchestrator.support;

import io.progy.format.PackResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** The orchestrator's HTTP API as the tests drive it: accounts, publishing, and the git endpoints. */
public final class ProgyApi {

    /** A signed-up user and an API token of theirs. */
    public record Account(String username, String token) {}

    private final WebTestClient client;
    private final TestCourses courses;

    public ProgyApi(WebTestClient client, TestCourses courses) {
        this.client = client;
        this.courses = courses;
    }

    /** Signs up {@code <prefix>-<random>} and logs in. */
    public Account signup(String prefix) {
        return signupAs(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public Account signupAs(String name) {
        client.post()
                .uri("/v1/auth/signup")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "email", name + "@example.org", "password", "a long password"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(); // read, so the test client releases it
        Map<?, ?> token = client.post()
                .uri("/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", "a long password"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return new Account(name, (String) token.get("token"));
    }

    /** Publishes {@code @<owner>/<slug>} and returns its name. */
    public String publishCourse(Account owner, String slug) {
        String name = "@" + owner.username() + "/" + slug;
        PackResult pack;
        try {
            pack = courses.pack(name, "1.0.0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var multipart = new MultipartBodyBuilder();
        multipart.part("file", new FileSystemResource(pack.archive()));
        client.post()
                .uri("/v1/registry/publish")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .body(BodyInserters.fromMultipartData(multipart.build()))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(); // read, so the test client releases it
        return name;
    }

    /** {@code POST /v1/git/ensure-repo} for {@code course}, expecting {@code expectedStatus}; the JSON body. */
    public Map<String, Object> ensureRepo(Account student, String course, int expectedStatus) {
        return post("/v1/git/ensure-repo", student, Map.of("course", course), expectedStatus);
    }

    /** {@code POST /v1/git/credentials} for {@code course}, expecting {@code expectedStatus}; the JSON body. */
    public Map<String, Object> credentials(Account student, String course, int expectedStatus) {
        return post("/v1/git/credentials", student, Map.of("course", course), expectedStatus);
    }

    /**
     * {@code calls} concurrent {@code POST /v1/git/ensure-repo} with this body, over fresh connections to the server
     * on {@code port}; their HTTP statuses.
     */
    public static List<Integer> ensureRepoConcurrently(int port, Account student, Map<String, ?> body, int calls) {
        WebClient web = WebClient.create("http://127.0.0.1:" + port);
        return Flux.range(0, calls)
                .flatMap(
                        i -> web.post()
                                .uri("/v1/git/ensure-repo")
                                .header(HttpHeaders.AUTHORIZATION, "Bearer " + student.token())
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(body)
                                .exchangeToMono(response -> response.releaseBody()
                                        .thenReturn(response.statusCode().value())),
                        calls)
                .collectList()
                .block(Duration.ofSeconds(60));
    }

    /** An authenticated JSON POST expecting {@code expectedStatus}; the JSON body (a problem on errors). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> post(String path, Account caller, Map<String, ?> body, int expectedStatus) {
        return client.post()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + caller.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(expectedStatus)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }
}
