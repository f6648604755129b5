package io.progy.orchestrator.git.gitea;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.progy.orchestrator.git.gitea.GiteaStubs.ADMIN;
import static io.progy.orchestrator.git.gitea.GiteaStubs.ADMIN_TOKEN;
import static io.progy.orchestrator.git.gitea.GiteaStubs.PUBLIC_URL;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.progy.orchestrator.config.Sql;
import io.progy.orchestrator.support.ProgyApi;
import io.progy.orchestrator.support.ProgyApi.Account;
import io.progy.orchestrator.support.TestCourses;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The Gitea provider behind the real orchestrator API ({@code /v1/git/ensure-repo}, {@code /v1/git/credentials}),
 * against WireMock stubs answering as Gitea's API documents. Each subclass runs it on one database, with its own
 * stub server whose administrator stubs are in place before the server starts (its start-up check calls them).
 */
abstract class GiteaProviderContract {

    /** Settings shared by the subclasses' {@code @SpringBootTest}. */
    static final String PROVIDER = "progy.git.provider=gitea";

    static final String RETRIES = "progy.git.host-retries=2";
    static final String BACKOFF = "progy.git.host-retry-backoff=10ms";

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient autowiredClient;

    @Autowired
    DatabaseClient db;

    @Autowired
    GiteaGitProvider provider;

    ProgyApi api;
    WireMockServer gitea;
    GiteaStubs stubs;

    /** The subclass's stub server. */
    abstract WireMockServer giteaServer();

    /** Starts a stub server with the administrator stubs, and points the server under test at it. */
    static WireMockServer startGitea(DynamicPropertyRegistry registry) {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        new GiteaStubs(server).administrator(true);
        registry.add("progy.git.gitea.url", server::baseUrl);
        registry.add("progy.git.gitea.admin-token", () -> ADMIN_TOKEN);
        return server;
    }

    @BeforeEach
    void setUp() {
        gitea = giteaServer();
        stubs = new GiteaStubs(gitea);
        WebTestClient client =
                autowiredClient.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        api = new ProgyApi(client, new TestCourses(work));
    }

    @Test
    void ensureRepoCreatesTheShadowUserAndARepositoryOnGiteaOnce() {
        Student s = student("intro");
        giteaCreates(s);

        Map<String, Object> first = api.ensureRepo(s.account(), s.course(), 201);
        Map<String, Object> again = api.ensureRepo(s.account(), s.course(), 200);

        String cloneUrl = PUBLIC_URL + "/" + s.login() + "/" + s.repo() + ".git";
        assertThat(first)
                .containsEntry("course", s.course())
                .containsEntry("repo_name", s.repo())
                .containsEntry("repo_url", cloneUrl)
                .containsEntry("created", true);
        assertThat(again).containsEntry("repo_url", cloneUrl).containsEntry("created", false);
        assertThat(s.login())
                .isEqualTo("p" + userId(s.account()) + "-" + s.account().username());
        gitea.verify(
                1,
                postRequestedFor(urlEqualTo("/api/v1/admin/users"))
                        .withHeader("Authorization", equalTo("token " + ADMIN_TOKEN))
                        .withRequestBody(matchingJsonPath("$.username", equalTo(s.login())))
                        .withRequestBody(matchingJsonPath("$.email", equalTo(s.login() + "@users.progy.invalid")))
                        .withRequestBody(matchingJsonPath("$.must_change_password", equalTo("false")))
                        .withRequestBody(matchingJsonPath("$.send_notify", equalTo("false")))
                        .withRequestBody(matchingJsonPath("$.restricted", equalTo("true")))
                        .withRequestBody(matchingJsonPath("$.visibility", equalTo("private")))
                        .withRequestBody(matchingJsonPath("$.password", matching("[A-Za-z0-9_-]{43}aZ7!"))));
        gitea.verify(
                1,
                postRequestedFor(urlEqualTo("/api/v1/admin/users/" + s.login() + "/repos"))
                        .withRequestBody(equalToJson("""
                        {"name": "%s", "description": "Progress in %s", "private": true, "default_branch": "main",
                         "auto_init": false}
                        """.formatted(s.repo(), s.course()))));
    }

    @Test
    void twentyConcurrentEnsureRepoCallsCreateOneRepository() {
        Student s = student("race");
        giteaCreates(s);

        List<Integer> statuses = ProgyApi.ensureRepoConcurrently(port, s.account(), Map.of("course", s.course()), 20);

        assertThat(statuses).hasSize(20);
        assertThat(statuses.stream().filter(status -> status == 201)).hasSize(1);
        assertThat(statuses.stream().filter(status -> status == 200)).hasSize(19);
        gitea.verify(
                1,
                postRequestedFor(urlEqualTo("/api/v1/admin/users"))
                        .withRequestBody(matchingJsonPath("$.username", equalTo(s.login()))));
        gitea.verify(1, postRequestedFor(urlEqualTo("/api/v1/admin/users/" + s.login() + "/repos")));
    }

    @Test
    void aUserAndARepositoryCreatedMeanwhileElsewhereAreLookedUp() {
        // Another node won both races: Gitea answers 422 (user exists) and 409 (repository exists).
        Student s = student("both");
        stubs.userCreatedConcurrently(s.login(), s.login() + "@users.progy.invalid");
        stubs.repoCreatedConcurrently(s.login(), s.repo());

        Map<String, Object> created = api.ensureRepo(s.account(), s.course(), 201);

        assertThat(created).containsEntry("repo_url", PUBLIC_URL + "/" + s.login() + "/" + s.repo() + ".git");
        gitea.verify(2, getRequestedFor(urlEqualTo("/api/v1/users/" + s.login())));
        gitea.verify(2, getRequestedFor(urlEqualTo("/api/v1/repos/" + s.login() + "/" + s.repo())));
        assertThat(api.ensureRepo(s.account(), s.course(), 200)).containsEntry("created", false);
    }

    @Test
    void aGiteaAccountNotMadeByProgyIsNeverAdopted() {
        Account student = api.signup("gtsquat");
        String course = api.publishCourse(student, "squat");
        String login = shadowLogin(student);
        gitea.stubFor(get("/api/v1/users/" + login)
                .willReturn(GiteaStubs.json(200, GiteaStubs.user(77, login, "someone@example.org", false))));

        Map<String, Object> problem = api.ensureRepo(student, course, 502);

        assertThat(problem).containsEntry("code", "GIT_HOST_FAILED");
        assertThat((String) problem.get("detail")).contains(login).contains("not created by Progy");
        gitea.verify(
                0,
                postRequestedFor(urlEqualTo("/api/v1/admin/users"))
                        .withRequestBody(matchingJsonPath("$.username", equalTo(login))));
        gitea.verify(0, postRequestedFor(urlEqualTo("/api/v1/admin/users/" + login + "/repos")));
    }

    @Test
    void credentialsAreAWriteRepositoryTokenOfTheShadowUserWhoseExpiryIsKept() {
        Student s = student("cred");
        giteaCreates(s);
        api.ensureRepo(s.account(), s.course(), 201);
        stubs.tokenCreation(s.login(), 4242, "9fcb1158165773dd010fca5f0cf7174316c3e37d");

        Instant before = Instant.now();
        Map<String, Object> credentials = api.credentials(s.account(), s.course(), 200);

        assertThat(credentials)
                .containsEntry("git_user", s.login())
                .containsEntry("git_token", "9fcb1158165773dd010fca5f0cf7174316c3e37d")
                .containsEntry("repo_url", PUBLIC_URL + "/" + s.login() + "/" + s.repo() + ".git");
        Instant expiresAt = Instant.parse((String) credentials.get("expires_at"));
        assertThat(expiresAt)
                .isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofHours(1)));
        gitea.verify(
                1,
                postRequestedFor(urlEqualTo("/api/v1/users/" + s.login() + "/tokens"))
                        .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials(ADMIN, ADMIN_TOKEN))
                        .withRequestBody(matchingJsonPath("$.scopes", equalToJson("[\"write:repository\"]")))
                        .withRequestBody(matchingJsonPath(
                                "$.name",
                                matching("progy-" + s.repo() + "-exp" + expiresAt.getEpochSecond() + "-[0-9a-f]{8}"))));
        List<Object> row = db.sql("SELECT gitea_user, gitea_token_id, expires_at FROM gitea_tokens t"
                        + " JOIN git_repos r ON r.id = t.repo_id WHERE r.user_id = :user")
                .bind("user", userId(s.account()))
                .map(r -> List.<Object>of(
                        r.get("gitea_user", String.class),
                        Sql.longValue(r, "gitea_token_id"),
                        Sql.instant(r, "expires_at")))
                .one()
                .block(Duration.ofSeconds(10));
        assertThat(row).containsExactly(s.login(), 4242L, expiresAt);
    }

    @Test
    void credentialsWithoutEnrollmentAre404AndAskNothingOfGitea() {
        Account student = api.signup("gtnone");
        String course = api.publishCourse(student, "none");
        int before = gitea.getAllServeEvents().size();

        assertThat(api.credentials(student, course, 404)).containsEntry("code", "NOT_FOUND");
        assertThat(gitea.getAllServeEvents()).hasSize(before);
    }

    @Test
    void expiredTokensAreDeletedInGiteaPageByPage() {
        Student s = student("sweep");
        giteaCreates(s);
        api.ensureRepo(s.account(), s.course(), 201);
        stubs.tokenCreation(s.login(), 501, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        Map<String, Object> issued = api.credentials(s.account(), s.course(), 200);
        long issuedExpiry = Instant.parse((String) issued.get("expires_at")).getEpochSecond();
        // Our record says token 501 has expired (its name still says otherwise).
        db.sql("UPDATE gitea_tokens SET expires_at = :past WHERE gitea_user = :user")
                .bind("past", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5))
                .bind("user", s.login())
                .then()
                .block(Duration.ofSeconds(10));
        long past = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();
        long future = Instant.now().plus(Duration.ofHours(2)).getEpochSecond();
        // 53 tokens over two pages: ours (501), an expired Progy token whose row was lost (502), a live Progy
        // token (503), one the s.account()'s Gitea account got elsewhere (504), and 49 more.
        List<String> tokens = new ArrayList<>();
        tokens.add(GiteaStubs.tokenJson(501, "progy-" + s.repo() + "-exp" + issuedExpiry + "-0a1b2c3d"));
        IntStream.range(0, 49).forEach(i -> tokens.add(GiteaStubs.tokenJson(600 + i, "personal-" + i)));
        tokens.add(GiteaStubs.tokenJson(503, "progy-" + s.repo() + "-exp" + future + "-11111111"));
        tokens.add(GiteaStubs.tokenJson(504, "ci-exp" + past));
        tokens.add(GiteaStubs.tokenJson(502, "progy-" + s.repo() + "-exp" + past + "-22222222"));
        tokens.add(GiteaStubs.tokenJson(505, "progy-other-exp" + future + "-33333333"));
        gitea.stubFor(get(urlPathEqualTo("/api/v1/users/" + s.login() + "/tokens"))
                .withQueryParam("page", equalTo("1"))
                .withQueryParam("limit", equalTo("50"))
                .withBasicAuth(ADMIN, ADMIN_TOKEN)
                .willReturn(okJson(GiteaStubs.tokenList(tokens.subList(0, 50))).withHeader("X-Total-Count", "53")));
        gitea.stubFor(get(urlPathEqualTo("/api/v1/users/" + s.login() + "/tokens"))
                .withQueryParam("page", equalTo("2"))
                .withQueryParam("limit", equalTo("50"))
                .withBasicAuth(ADMIN, ADMIN_TOKEN)
                .willReturn(okJson(GiteaStubs.tokenList(tokens.subList(50, 53))).withHeader("X-Total-Count", "53")));
        gitea.stubFor(delete(urlPathMatching("/api/v1/users/" + s.login() + "/tokens/\\d+"))
                .withBasicAuth(ADMIN, ADMIN_TOKEN)
                .willReturn(aResponse().withStatus(204)));

        Long deleted = provider.deleteExpiredTokens().block(Duration.ofSeconds(30));

        assertThat(deleted).isEqualTo(2);
        gitea.verify(deleteRequestedFor(urlEqualTo("/api/v1/users/" + s.login() + "/tokens/501")));
        gitea.verify(deleteRequestedFor(urlEqualTo("/api/v1/users/" + s.login() + "/tokens/502")));
        gitea.verify(2, deleteRequestedFor(urlPathMatching("/api/v1/users/" + s.login() + "/tokens/.*")));
        assertThat(db.sql("SELECT COUNT(*) AS n FROM gitea_tokens WHERE gitea_user = :user")
                        .bind("user", s.login())
                        .map(r -> Sql.longValue(r, "n"))
                        .one()
                        .block(Duration.ofSeconds(10)))
                .isZero();
    }

    @Test
    void giteaDownAnswers503AfterRetryingIdempotentCallsOnly() {
        Account student = api.signup("gtdown");
        String course = api.publishCourse(student, "down");
        String login = shadowLogin(student);
        gitea.stubFor(get("/api/v1/users/" + login).willReturn(GiteaStubs.apiError(503, "Service Unavailable")));

        Map<String, Object> problem = api.ensureRepo(student, course, 503);

        assertThat(problem).containsEntry("code", "GIT_HOST_UNAVAILABLE");
        assertThat((String) problem.get("detail")).contains("Gitea").contains("try again");
        gitea.verify(3, getRequestedFor(urlEqualTo("/api/v1/users/" + login))); // 1 + 2 retries

        // Once up, the same call goes through; then the token endpoint drops connections.
        String repo = "progy-" + student.username() + "-down";
        gitea.removeStubMapping(gitea.getStubMappings().stream()
                .filter(stub -> stub.getRequest().getUrl() != null
                        && stub.getRequest().getUrl().equals("/api/v1/users/" + login))
                .findFirst()
                .orElseThrow());
        stubs.userCreatedOnDemand(login, login + "@users.progy.invalid");
        stubs.repoCreatedOnDemand(login, repo);
        api.ensureRepo(student, course, 201);
        gitea.stubFor(post("/api/v1/users/" + login + "/tokens")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(api.credentials(student, course, 503)).containsEntry("code", "GIT_HOST_UNAVAILABLE");
        gitea.verify(1, postRequestedFor(urlEqualTo("/api/v1/users/" + login + "/tokens")));
        assertThat(gitea.findAll(anyRequestedFor(urlPathMatching("/api/v1/users/" + login + "/tokens.*"))))
                .hasSize(1);
    }

    @Test
    void theBuiltinGitHostIsOffWhenGiteaHoldsTheRepositories() {
        autowiredClient
                .get()
                .uri("/git/" + ADMIN + "/progy-x-y.git/info/refs?service=git-upload-pack")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    /** A student who published the course {@code @<student>/<slug>}; their shadow login and repository name. */
    record Student(Account account, String course, String login, String repo) {}

    Student student(String slug) {
        Account account = api.signup("gt" + slug);
        String course = api.publishCourse(account, slug);
        return new Student(account, course, shadowLogin(account), "progy-" + account.username() + "-" + slug);
    }

    /** Gitea creates the student's shadow user and repository when asked, as a fresh server would. */
    void giteaCreates(Student s) {
        stubs.userCreatedOnDemand(s.login(), s.login() + "@users.progy.invalid");
        stubs.repoCreatedOnDemand(s.login(), s.repo());
    }

    private long userId(Account account) {
        return db.sql("SELECT id FROM users WHERE username = :u")
                .bind("u", account.username())
                .map(row -> Sql.longValue(row, "id"))
                .one()
                .block(Duration.ofSeconds(10));
    }

    private String shadowLogin(Account account) {
        return "p" + userId(account) + "-" + account.username();
    }
}
