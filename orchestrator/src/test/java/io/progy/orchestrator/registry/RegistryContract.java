package io.progy.orchestrator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.format.PackResult;
import io.progy.orchestrator.support.ProgyApi;
import io.progy.orchestrator.support.TestCourses;
import io.r2dbc.pool.ConnectionPool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * The registry's and accounts' HTTP behaviour, run against the real server on a random port. Each
 * subclass starts it on one database and one blob store.
 */
abstract class RegistryContract {

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient autowiredClient;

    @Autowired
    RegistryRepository repository;

    @Autowired
    DownloadCounter downloadCounter;

    @Autowired
    ConnectionPool pool;

    @TempDir
    Path work;

    WebTestClient client;
    TestCourses courses;

    record Session(String username, String token) {}

    @BeforeEach
    void setUpClient() {
        client =
                autowiredClient.mutate().responseTimeout(Duration.ofSeconds(20)).build();
        courses = new TestCourses(work);
    }

    // ---------------------------------------------------------------- accounts

    @Test
    @SuppressWarnings("unchecked")
    void signupTokenUserAndLogout() {
        String name = uniqueName("ann");
        postSignup(Map.of("username", name, "email", name + "@Example.org", "password", "correct horse"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.username")
                .isEqualTo(name)
                .jsonPath("$.email")
                .isEqualTo(name + "@example.org")
                .jsonPath("$.created_at")
                .isNotEmpty()
                .jsonPath("$.password")
                .doesNotExist()
                .jsonPath("$.password_hash")
                .doesNotExist();

        problem(
                postSignup(Map.of(
                        "username", name, "email", "other-" + name + "@example.org", "password", "correct horse")),
                409,
                "USERNAME_TAKEN");
        problem(
                postSignup(Map.of("username", name + "x", "email", name + "@example.org", "password", "correct horse")),
                409,
                "USERNAME_TAKEN");
        problem(
                postSignup(Map.of("username", "admin", "email", "root@example.org", "password", "correct horse")),
                409,
                "USERNAME_TAKEN");
        problem(
                        postSignup(Map.of(
                                "username", "Bad_Name", "email", "bad@example.org", "password", "correct horse")),
                        400,
                        "INVALID_REQUEST")
                .jsonPath("$.errors[0].field")
                .isEqualTo("username");
        problem(
                        postSignup(Map.of(
                                "username", uniqueName("short"), "email", "short@example.org", "password", "short")),
                        400,
                        "INVALID_REQUEST")
                .jsonPath("$.errors[0].field")
                .isEqualTo("password");
        problem(
                client.post()
                        .uri("/v1/auth/signup")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"username\": ")
                        .exchange(),
                400,
                "INVALID_REQUEST");

        problem(
                        client.post()
                                .uri("/v1/auth/token")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("username", name, "password", "wrong password"))
                                .exchange(),
                        401,
                        "UNAUTHORIZED")
                .jsonPath("$.detail")
                .isEqualTo("invalid username or password");
        problem(
                        client.post()
                                .uri("/v1/auth/token")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("username", uniqueName("nobody"), "password", "correct horse"))
                                .exchange(),
                        401,
                        "UNAUTHORIZED")
                .jsonPath("$.detail")
                .isEqualTo("invalid username or password");

        Map<?, ?> token = client.post()
                .uri("/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", name, "password", "correct horse", "name", "laptop"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String bearer = (String) token.get("token");
        assertThat(bearer).startsWith("progy_").hasSize("progy_".length() + 43);
        assertThat((List<Object>) token.get("scopes")).containsExactly("read", "publish", "progress", "git");
        assertThat(token.get("token_id").toString()).matches("tok_[0-9a-f]{18}");
        assertThat(token.get("expires_at").toString())
                .startsWith(String.valueOf(
                        LocalDate.now(ZoneOffset.UTC).plusDays(90).getYear()));

        client.get()
                .uri("/v1/user")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.username")
                .isEqualTo(name)
                .jsonPath("$.email")
                .isEqualTo(name + "@example.org");
        problem(client.get().uri("/v1/user").exchange(), 401, "UNAUTHORIZED");
        problem(
                client.get()
                        .uri("/v1/user")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer progy_not-a-real-token")
                        .exchange(),
                401,
                "UNAUTHORIZED");

        client.delete()
                .uri("/v1/auth/token")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
                .exchange()
                .expectStatus()
                .isNoContent();
        problem(
                client.get()
                        .uri("/v1/user")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
                        .exchange(),
                401,
                "UNAUTHORIZED");
    }

    @Test
    void badTokensAlwaysAnswer401QuicklyAndGiveTheirConnectionsBack() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI user = URI.create("http://127.0.0.1:" + port + "/v1/user");
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(user)
                            .header(HttpHeaders.AUTHORIZATION, "Bearer progy_not-a-token-" + i)
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("bad-token request %d", i).isEqualTo(401);
            assertThat(response.body()).contains("\"code\":\"UNAUTHORIZED\"");
        }

        // Clients that give up while their token is being looked up must not keep connections out of the pool.
        List<CompletableFuture<?>> abandoned = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            abandoned.add(http.sendAsync(
                            HttpRequest.newBuilder(user)
                                    .header(HttpHeaders.AUTHORIZATION, "Bearer progy_abandoned-" + i)
                                    .timeout(Duration.ofMillis(1 + i % 5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> null));
        }
        CompletableFuture.allOf(abandoned.toArray(CompletableFuture[]::new))
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pool.getMetrics().orElseThrow().acquiredSize() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(pool.getMetrics().orElseThrow().acquiredSize())
                .as("connections still out of the pool")
                .isZero();
        for (int i = 0; i < 20; i++) {
            problem(
                    client.get()
                            .uri("/v1/user")
                            .header(HttpHeaders.AUTHORIZATION, "Bearer progy_after-" + i)
                            .exchange(),
                    401,
                    "UNAUTHORIZED");
        }
    }

    @Test
    void unknownRoutesAndMethodsAnswerProblems() {
        problem(client.get().uri("/v1/no-such-thing").exchange(), 404, "NOT_FOUND");
        client.put()
                .uri("/v1/registry/search")
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    // ---------------------------------------------------------------- publish

    @Test
    void publishesAGoodArchive() throws IOException {
        Session alice = signup("pub");
        PackResult pack = courses.pack("@" + alice.username() + "/intro", "1.0.0");

        publish(alice, pack.archive())
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("@" + alice.username() + "/intro")
                .jsonPath("$.version")
                .isEqualTo("1.0.0")
                .jsonPath("$.sha256")
                .isEqualTo(pack.sha256())
                .jsonPath("$.size")
                .isEqualTo((int) pack.size())
                .jsonPath("$.file_count")
                .isEqualTo(pack.fileCount())
                .jsonPath("$.published_at")
                .isNotEmpty();
    }

    @Test
    void refusesBadArchives() throws IOException {
        Session bob = signup("bad");
        problem(publish(bob, courses.notAZip()), 400, "INVALID_ARCHIVE");
        problem(publish(bob, courses.zipSlipArchive("@" + bob.username() + "/evil")), 400, "INVALID_ARCHIVE")
                .jsonPath("$.detail")
                .value(detail -> assertThat(detail.toString()).contains("evil.sh"));
        problem(publish(bob, courses.badManifestArchive()), 400, "INVALID_MANIFEST")
                .jsonPath("$.errors[?(@.field == 'name')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'version')]")
                .exists();
        problem(
                client.post()
                        .uri("/v1/registry/publish")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + bob.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{}")
                        .exchange(),
                400,
                "INVALID_REQUEST");
        MultipartBodyBuilder wrongPart = new MultipartBodyBuilder();
        wrongPart.part("archive", new FileSystemResource(courses.notAZip()));
        problem(
                        client.post()
                                .uri("/v1/registry/publish")
                                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bob.token())
                                .body(BodyInserters.fromMultipartData(wrongPart.build()))
                                .exchange(),
                        400,
                        "INVALID_REQUEST")
                .jsonPath("$.errors[0].field")
                .isEqualTo("file");
        problem(rawMultipart(bob, "not a multipart body at all"), 400, "INVALID_REQUEST");
    }

    private WebTestClient.ResponseSpec rawMultipart(Session session, String body) {
        return client.post()
                .uri("/v1/registry/publish")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + session.token())
                .header(HttpHeaders.CONTENT_TYPE, "multipart/form-data; boundary=b")
                .bodyValue(body)
                .exchange();
    }

    @Test
    void refusesAnotherUsersScopeAndAnonymousPublishes() throws Exception {
        Session carol = signup("carol");
        Session dave = signup("dave");
        PackResult pack = courses.pack("@" + carol.username() + "/mine", "1.0.0");
        problem(publish(dave, pack.archive()), 403, "FORBIDDEN");
        problem(
                client.post()
                        .uri("/v1/registry/publish")
                        .body(BodyInserters.fromMultipartData(multipart(pack.archive())))
                        .exchange(),
                401,
                "UNAUTHORIZED");
        // A client that sends a whole upload without a token reads the 401: the body is drained, not cut off.
        HttpResponse<String> anonymous = postWithJavaHttpClient(courses.blob(8 * 1024 * 1024), null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"code\":\"UNAUTHORIZED\"");
        publish(carol, pack.archive()).expectStatus().isCreated();
    }

    @Test
    void refusesTooLargeArtifacts() throws Exception {
        Session erin = signup("big");
        Path big = courses.blob(maxArtifactBytes() + 512 * 1024);
        // Chunked multipart (no Content-Length): stopped while streaming.
        problem(publish(erin, big), 413, "TOO_LARGE");
        // With a Content-Length past the limit: refused before the body is read.
        HttpResponse<String> response = postWithJavaHttpClient(big, erin.token());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"code\":\"TOO_LARGE\"");
    }

    @Test
    void refusesADuplicateVersion() throws IOException {
        Session frank = signup("dup");
        String name = "@" + frank.username() + "/twice";
        publish(frank, courses.pack(name, "1.0.0").archive()).expectStatus().isCreated();
        problem(
                publish(
                        frank,
                        courses.pack(name, "1.0.0", "different bytes", List.of())
                                .archive()),
                409,
                "VERSION_EXISTS");
    }

    @Test
    void fiftyConcurrentPublishesOfOneVersionYieldExactlyOneSuccess() throws IOException {
        Session grace = signup("race");
        String name = "@" + grace.username() + "/race";
        PackResult pack = courses.pack(name, "1.0.0");
        byte[] archive = Files.readAllBytes(pack.archive());
        WebClient web = WebClient.create("http://127.0.0.1:" + port);

        List<Integer> statuses = Flux.range(0, 50)
                .flatMap(
                        i -> {
                            MultipartBodyBuilder body = new MultipartBodyBuilder();
                            body.part("file", archive).filename("race.progy");
                            return web.post()
                                    .uri("/v1/registry/publish")
                                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + grace.token())
                                    .body(BodyInserters.fromMultipartData(body.build()))
                                    .exchangeToMono(r -> r.releaseBody()
                                            .thenReturn(r.statusCode().value()));
                        },
                        50)
                .collectList()
                .block(Duration.ofMinutes(2));

        assertThat(statuses).hasSize(50);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(49);
        resolve(grace.username(), "race", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.versions.length()")
                .isEqualTo(1)
                .jsonPath("$.resolved.sha256")
                .isEqualTo(pack.sha256());
        assertThat(sha256(download(grace.username(), "race", "1.0.0"))).isEqualTo(pack.sha256());
    }

    // ---------------------------------------------------------------- resolve

    @Test
    void resolvesRangesWithStrongEtags() throws IOException {
        Session henry = signup("res");
        String name = "@" + henry.username() + "/ranges";
        for (String version : List.of("1.0.0", "1.2.0", "2.0.0", "3.0.0-beta.1")) {
            publish(henry, courses.pack(name, version).archive()).expectStatus().isCreated();
        }
        resolve(henry.username(), "ranges", null)
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo(name)
                .jsonPath("$.description")
                .isEqualTo("A small course for tests")
                .jsonPath("$.latest")
                .isEqualTo("2.0.0")
                .jsonPath("$.versions[*].version")
                .isEqualTo(List.of("3.0.0-beta.1", "2.0.0", "1.2.0", "1.0.0"))
                .jsonPath("$.versions[0].sha256")
                .isNotEmpty()
                .jsonPath("$.versions[0].yanked")
                .isEqualTo(false)
                .jsonPath("$.resolved.version")
                .isEqualTo("2.0.0")
                .jsonPath("$.resolved.download_url")
                .isEqualTo("/v1/registry/download/" + henry.username() + "/ranges/2.0.0");
        assertResolves(henry, "ranges", "^1", "1.2.0");
        assertResolves(henry, "ranges", "~1.0", "1.0.0");
        assertResolves(henry, "ranges", ">=1 <2", "1.2.0");
        assertResolves(henry, "ranges", "1.0.0", "1.0.0");
        assertResolves(henry, "ranges", "latest", "2.0.0");
        problem(resolve(henry.username(), "ranges", "^4"), 404, "NOT_FOUND")
                .jsonPath("$.detail")
                .value(d -> assertThat(d.toString()).contains("no version").contains("^4"));
        problem(resolve(henry.username(), "ranges", "not a range!"), 400, "INVALID_VERSION");
        problem(resolve(henry.username(), "nothing-here", null), 404, "NOT_FOUND");
        problem(resolve("Bad_Scope", "x", null), 400, "INVALID_NAME");

        String etag = resolve(henry.username(), "ranges", "^1")
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getETag();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        client.get()
                .uri(b -> b.path("/v1/registry/resolve/{s}/{c}")
                        .queryParam("range", "{r}")
                        .build(henry.username(), "ranges", "^1"))
                .header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange()
                .expectStatus()
                .isNotModified()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, etag);

        publish(henry, courses.pack(name, "1.3.0").archive()).expectStatus().isCreated();
        String after = resolve(henry.username(), "ranges", "^1")
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getETag();
        assertThat(after).isNotEqualTo(etag);
        assertResolves(henry, "ranges", "^1", "1.3.0");
    }

    @Test
    void yankedVersionsAreNeverChosenButStillDownload() throws IOException {
        Session ivy = signup("yank");
        Session mallory = signup("mallory");
        String name = "@" + ivy.username() + "/yanky";
        publish(ivy, courses.pack(name, "1.0.0").archive()).expectStatus().isCreated();
        PackResult newer = courses.pack(name, "1.1.0");
        publish(ivy, newer.archive()).expectStatus().isCreated();

        problem(yank(mallory, ivy.username(), "yanky", "1.1.0", true), 403, "FORBIDDEN");
        problem(yank(ivy, ivy.username(), "yanky", "9.9.9", true), 404, "NOT_FOUND");
        yank(ivy, ivy.username(), "yanky", "1.1.0", true)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo(name)
                .jsonPath("$.version")
                .isEqualTo("1.1.0")
                .jsonPath("$.yanked")
                .isEqualTo(true);

        assertResolves(ivy, "yanky", null, "1.0.0");
        assertResolves(ivy, "yanky", "^1", "1.0.0");
        assertResolves(ivy, "yanky", "1.1.0", "1.1.0"); // an exact version still resolves
        resolve(ivy.username(), "yanky", null)
                .expectBody()
                .jsonPath("$.latest")
                .isEqualTo("1.0.0")
                .jsonPath("$.versions[0].version")
                .isEqualTo("1.1.0")
                .jsonPath("$.versions[0].yanked")
                .isEqualTo(true);
        assertThat(sha256(download(ivy.username(), "yanky", "1.1.0"))).isEqualTo(newer.sha256());

        yank(ivy, ivy.username(), "yanky", "1.1.0", false)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.yanked")
                .isEqualTo(false);
        assertResolves(ivy, "yanky", null, "1.1.0");
    }

    @Test
    void aCourseWithEveryVersionYankedStillDescribesItselfWithoutARange() throws IOException {
        Session kim = signup("allyank");
        String name = "@" + kim.username() + "/gone";
        for (String version : List.of("1.0.0", "1.1.0")) {
            publish(kim, courses.pack(name, version).archive()).expectStatus().isCreated();
            yank(kim, kim.username(), "gone", version, true).expectStatus().isOk();
        }

        String etag = resolve(kim.username(), "gone", null)
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo(name)
                .jsonPath("$.latest")
                .value(latest -> assertThat(latest).isNull())
                .jsonPath("$.resolved")
                .value(resolved -> assertThat(resolved).isNull())
                .jsonPath("$.versions[*].version")
                .isEqualTo(List.of("1.1.0", "1.0.0"))
                .jsonPath("$.versions[*].yanked")
                .isEqualTo(List.of(true, true))
                .returnResult()
                .getResponseHeaders()
                .getETag();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");

        // An explicit range still has to match something; an exact version still resolves.
        problem(resolve(kim.username(), "gone", "latest"), 404, "NOT_FOUND")
                .jsonPath("$.detail")
                .value(d -> assertThat(d.toString()).contains("no version").contains("latest"));
        problem(resolve(kim.username(), "gone", "^1"), 404, "NOT_FOUND");
        assertResolves(kim, "gone", "1.0.0", "1.0.0");

        yank(kim, kim.username(), "gone", "1.0.0", false).expectStatus().isOk();
        assertResolves(kim, "gone", null, "1.0.0");
        resolve(kim.username(), "gone", null).expectBody().jsonPath("$.latest").isEqualTo("1.0.0");
    }

    // ---------------------------------------------------------------- download

    @Test
    void downloadsStreamTheExactBytesWithImmutableHeaders() throws Exception {
        Session jack = signup("dl");
        PackResult pack = courses.pack("@" + jack.username() + "/fetch", "2.1.0");
        publish(jack, pack.archive()).expectStatus().isCreated();

        var result = client.get()
                .uri("/v1/registry/download/{s}/fetch/2.1.0", jack.username())
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .expectHeader()
                .contentLength(pack.size())
                .expectHeader()
                .valueEquals(RegistryController.SHA256_HEADER, pack.sha256())
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable")
                .expectHeader()
                .valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"fetch-2.1.0.progy\"")
                .expectBody(byte[].class)
                .returnResult();
        assertThat(sha256(result.getResponseBody())).isEqualTo(pack.sha256());
        assertThat(result.getResponseBody()).isEqualTo(Files.readAllBytes(pack.archive()));

        problem(
                client.get()
                        .uri("/v1/registry/download/{s}/fetch/9.0.0", jack.username())
                        .exchange(),
                404,
                "NOT_FOUND");
        problem(
                client.get()
                        .uri("/v1/registry/download/{s}/fetch/latest", jack.username())
                        .exchange(),
                400,
                "INVALID_VERSION");

        download(jack.username(), "fetch", "2.1.0");
        client.head()
                .uri("/v1/registry/download/{s}/fetch/2.1.0", jack.username())
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentLength(pack.size())
                .expectHeader()
                .valueEquals(RegistryController.SHA256_HEADER, pack.sha256())
                .expectBody()
                .isEmpty(); // headers only, and not counted as a download
        downloadCounter.flush().block(Duration.ofSeconds(30));
        long versionId = repository
                .findPackage(new CourseKey(jack.username(), "fetch"))
                .flatMap(pkg -> repository.readyVersions(pkg.id()).next())
                .map(RegistryRecords.VersionRow::id)
                .block(Duration.ofSeconds(30));
        assertThat(repository
                        .downloads(versionId, LocalDate.now(ZoneOffset.UTC))
                        .block(Duration.ofSeconds(30)))
                .isEqualTo(2L);
    }

    // ---------------------------------------------------------------- search

    @Test
    void searchesNamesDescriptionsAndKeywordsWithPaging() throws IOException {
        Session kim = signup("search");
        String tag = "kw" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        publish(
                        kim,
                        courses.pack("@" + kim.username() + "/alpha", "1.0.0", "First " + tag, List.of("a"))
                                .archive())
                .expectStatus()
                .isCreated();
        publish(
                        kim,
                        courses.pack("@" + kim.username() + "/beta", "1.0.0", "Second", List.of(tag, "b"))
                                .archive())
                .expectStatus()
                .isCreated();
        publish(
                        kim,
                        courses.pack("@" + kim.username() + "/gamma-" + tag, "0.1.0", "Third", List.of("c"))
                                .archive())
                .expectStatus()
                .isCreated();
        publish(
                        kim,
                        courses.pack("@" + kim.username() + "/unrelated", "1.0.0", "Nothing to see", List.of())
                                .archive())
                .expectStatus()
                .isCreated();

        search(tag.toUpperCase(), 1, 2)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.query")
                .isEqualTo(tag.toUpperCase())
                .jsonPath("$.page")
                .isEqualTo(1)
                .jsonPath("$.per_page")
                .isEqualTo(2)
                .jsonPath("$.total")
                .isEqualTo(3)
                .jsonPath("$.results.length()")
                .isEqualTo(2)
                .jsonPath("$.results[0].name")
                .isEqualTo("@" + kim.username() + "/alpha")
                .jsonPath("$.results[0].latest")
                .isEqualTo("1.0.0")
                .jsonPath("$.results[0].description")
                .isEqualTo("First " + tag)
                .jsonPath("$.results[0].updated_at")
                .isNotEmpty()
                .jsonPath("$.results[1].name")
                .isEqualTo("@" + kim.username() + "/beta")
                .jsonPath("$.results[1].keywords")
                .isEqualTo(List.of(tag, "b"));
        search(tag, 2, 2)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(3)
                .jsonPath("$.results.length()")
                .isEqualTo(1)
                .jsonPath("$.results[0].name")
                .isEqualTo("@" + kim.username() + "/gamma-" + tag);
        search(kim.username(), 1, 20)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(4);
        search("%", 1, 20)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        client.get()
                .uri("/v1/registry/search")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.page")
                .isEqualTo(1)
                .jsonPath("$.per_page")
                .isEqualTo(20);
        problem(search(tag, 0, 20), 400, "INVALID_REQUEST");
        problem(search(tag, 1, 101), 400, "INVALID_REQUEST");
    }

    // ---------------------------------------------------------------- helpers

    abstract long maxArtifactBytes();

    Session signup(String prefix) {
        var account = new ProgyApi(client, courses).signupAs(uniqueName(prefix));
        return new Session(account.username(), account.token());
    }

    WebTestClient.ResponseSpec postSignup(Map<String, String> body) {
        return client.post()
                .uri("/v1/auth/signup")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    WebTestClient.ResponseSpec publish(Session session, Path archive) {
        return client.post()
                .uri("/v1/registry/publish")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + session.token())
                .body(BodyInserters.fromMultipartData(multipart(archive)))
                .exchange();
    }

    /** Posts {@code file} as a multipart upload with a Content-Length, as a plain Java client would. */
    HttpResponse<String> postWithJavaHttpClient(Path file, String token) throws IOException, InterruptedException {
        String boundary = "b" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.progy\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Files.readAllBytes(file);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + bytes.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bytes, 0, body, head.length, bytes.length);
        System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/registry/publish"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> multipart(Path file) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new FileSystemResource(file)).contentType(MediaType.APPLICATION_OCTET_STREAM);
        return body.build();
    }

    WebTestClient.ResponseSpec resolve(String scope, String slug, String range) {
        return client.get()
                .uri(b -> {
                    b.path("/v1/registry/resolve/{scope}/{slug}");
                    if (range != null) {
                        b.queryParam("range", "{range}");
                        return b.build(scope, slug, range);
                    }
                    return b.build(scope, slug);
                })
                .exchange();
    }

    void assertResolves(Session owner, String slug, String range, String expected) {
        resolve(owner.username(), slug, range)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.resolved.version")
                .isEqualTo(expected);
    }

    byte[] download(String scope, String slug, String version) {
        return client.get()
                .uri("/v1/registry/download/{s}/{c}/{v}", scope, slug, version)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }

    WebTestClient.ResponseSpec yank(Session session, String scope, String slug, String version, boolean yanked) {
        var spec = yanked ? client.post() : client.method(org.springframework.http.HttpMethod.DELETE);
        return spec.uri("/v1/registry/{s}/{c}/{v}/yank", scope, slug, version)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + session.token())
                .exchange();
    }

    WebTestClient.ResponseSpec search(String query, int page, int perPage) {
        return client.get()
                .uri(b -> b.path("/v1/registry/search")
                        .queryParam("q", "{q}")
                        .queryParam("page", page)
                        .queryParam("per_page", perPage)
                        .build(query))
                .exchange();
    }

    /** Asserts an RFC 9457 problem with the given status and code; returns the body for more checks. */
    static WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status, String code) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isNotEmpty()
                .jsonPath("$.title")
                .isNotEmpty()
                .jsonPath("$.status")
                .isEqualTo(status)
                .jsonPath("$.detail")
                .isNotEmpty()
                .jsonPath("$.code")
                .isEqualTo(code)
                .jsonPath("$.trace")
                .doesNotExist()
                .jsonPath("$.exception")
                .doesNotExist();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
