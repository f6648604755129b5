package io.progy.orchestrator.git.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.progy.orchestrator.git.github.GitHubStubs.INSTALLATION_ID;
import static io.progy.orchestrator.git.github.GitHubStubs.ORG;
import static io.progy.orchestrator.git.github.GitHubStubs.ORG_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.progy.orchestrator.support.ProgyApi;
import io.progy.orchestrator.support.ProgyApi.Account;
import io.progy.orchestrator.support.TestCourses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * The GitHub provider with an organization token and a GitHub App, behind the real orchestrator API on H2, against
 * WireMock stubs answering as GitHub's REST API documents.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "progy.sample-courses=false",
            "progy.git.provider=github",
            "progy.git.github.organization=" + ORG,
            "progy.git.github.token=" + ORG_TOKEN,
            "progy.git.github.app-id=1234",
            "progy.git.github.app-installation-id=4321",
            "progy.git.host-retries=2",
            "progy.git.host-retry-backoff=10ms"
        })
@DirtiesContext
class GitHubGitProviderIT {

    static final WireMockServer github = new WireMockServer(options().dynamicPort());
    static KeyPair appKey;

    @TempDir
    static Path dataDir;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient autowiredClient;

    ProgyApi api;
    final GitHubStubs stubs = new GitHubStubs(github);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        if (!github.isRunning()) {
            github.start();
            var stubs = new GitHubStubs(github);
            stubs.organization();
            stubs.app();
            appKey = GitHubStubs.appKey(dataDir.resolve("app.pem"));
        }
        registry.add("progy.data-dir", () -> dataDir.toString());
        registry.add("progy.git.github.api-url", github::baseUrl);
        registry.add("progy.git.github.app-private-key-file", () -> dataDir.resolve("app.pem")
                .toString());
    }

    @AfterAll
    static void stopGitHub() {
        github.stop();
    }

    @BeforeEach
    void setUp() {
        api = new ProgyApi(
                autowiredClient.mutate().responseTimeout(Duration.ofSeconds(30)).build(), new TestCourses(work));
    }

    @Test
    void ensureRepoNeedsTheStudentsGitHubLogin() {
        Account student = api.signup("ghnolink");
        String course = api.publishCourse(student, "intro");
        int before = github.getAllServeEvents().size();

        Map<String, Object> problem = api.ensureRepo(student, course, 409);

        assertThat(problem).containsEntry("code", "GITHUB_NOT_LINKED");
        assertThat((String) problem.get("detail")).contains(ORG).contains("github_login");
        assertThat(github.getAllServeEvents()).hasSize(before);
    }

    @Test
    void ensureRepoCreatesAPrivateRepositoryInTheOrganizationAndInvitesTheStudent() {
        Account student = api.signup("ghmake");
        String course = api.publishCourse(student, "intro");
        String repo = student.username() + "-progy-" + student.username() + "-intro";
        stubs.repoCreatedOnDemand(repo);
        stubs.invitableUser("ada-lovelace", repo);

        Map<String, Object> created =
                api.post("/v1/git/ensure-repo", student, Map.of("course", course, "github_login", "ada-lovelace"), 201);
        Map<String, Object> again = api.ensureRepo(student, course, 200);

        String cloneUrl = "https://github.com/" + ORG + "/" + repo + ".git";
        assertThat(created).containsEntry("repo_name", repo).containsEntry("repo_url", cloneUrl);
        assertThat(again).containsEntry("repo_url", cloneUrl).containsEntry("created", false);
        github.verify(
                1,
                postRequestedFor(urlEqualTo("/orgs/" + ORG + "/repos"))
                        .withHeader("Authorization", equalTo("token " + ORG_TOKEN))
                        .withRequestBody(matchingJsonPath("$.name", equalTo(repo)))
                        .withRequestBody(matchingJsonPath("$.private", equalTo("true")))
                        .withRequestBody(matchingJsonPath("$.auto_init", equalTo("false"))));
        github.verify(
                1,
                putRequestedFor(urlEqualTo("/repos/" + ORG + "/" + repo + "/collaborators/ada-lovelace"))
                        .withRequestBody(equalToJson("{\"permission\": \"push\"}")));
    }

    @Test
    void aRepositoryLeftByAnInterruptedAttemptIsLookedUp() {
        Account student = api.signup("ghleft");
        String course = api.publishCourse(student, "left");
        String repo = student.username() + "-progy-" + student.username() + "-left";
        stubs.repoExists(repo);
        stubs.invitableUser("grace-h", repo);

        Map<String, Object> created =
                api.post("/v1/git/ensure-repo", student, Map.of("course", course, "github_login", "grace-h"), 201);

        assertThat(created).containsEntry("repo_url", "https://github.com/" + ORG + "/" + repo + ".git");
        github.verify(1, putRequestedFor(urlEqualTo("/repos/" + ORG + "/" + repo + "/collaborators/grace-h")));
    }

    @Test
    void twentyConcurrentEnsureRepoCallsCreateOneRepository() {
        Account student = api.signup("ghrace");
        String course = api.publishCourse(student, "race");
        String repo = student.username() + "-progy-" + student.username() + "-race";
        stubs.repoCreatedOnDemand(repo);
        stubs.invitableUser("racer", repo);
        WebClient web = WebClient.create("http://127.0.0.1:" + port);

        List<Integer> statuses = Flux.range(0, 20)
                .flatMap(
                        i -> web.post()
                                .uri("/v1/git/ensure-repo")
                                .header(HttpHeaders.AUTHORIZATION, "Bearer " + student.token())
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("course", course, "github_login", "racer"))
                                .exchangeToMono(response -> response.releaseBody()
                                        .thenReturn(response.statusCode().value())),
                        20)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(19);
        github.verify(
                1,
                postRequestedFor(urlEqualTo("/orgs/" + ORG + "/repos"))
                        .withRequestBody(matchingJsonPath("$.name", equalTo(repo))));
    }

    @Test
    void aLoginGitHubDoesNotKnowOrADifferentOneLaterIsRefused() {
        Account student = api.signup("ghwho");
        String course = api.publishCourse(student, "who");
        String repo = student.username() + "-progy-" + student.username() + "-who";
        stubs.repoCreatedOnDemand(repo);
        stubs.noSuchUser("nobody-here");

        Map<String, Object> unknown =
                api.post("/v1/git/ensure-repo", student, Map.of("course", course, "github_login", "nobody-here"), 400);
        Map<String, Object> other =
                api.post("/v1/git/ensure-repo", student, Map.of("course", course, "github_login", "someone-else"), 400);
        Map<String, Object> invalid =
                api.post("/v1/git/ensure-repo", student, Map.of("course", course, "github_login", "-bad-"), 400);

        assertThat((String) unknown.get("detail")).contains("GitHub has no user nobody-here");
        assertThat((String) other.get("detail")).contains("already linked to the GitHub user nobody-here");
        assertThat(invalid).containsEntry("code", "INVALID_REQUEST");
        assertThat((String) invalid.get("detail")).startsWith("github_login: ").contains("not a GitHub login");
    }

    @Test
    void credentialsAreAnAppInstallationTokenLimitedToTheRepository() throws Exception {
        Account student = api.signup("ghcred");
        String course = api.publishCourse(student, "cred");
        String repo = student.username() + "-progy-" + student.username() + "-cred";
        stubs.repoCreatedOnDemand(repo);
        stubs.invitableUser("ada-cred", repo);
        api.post("/v1/git/ensure-repo", student, Map.of("course", course, "github_login", "ada-cred"), 201);
        stubs.installationToken("ghs_16C7e42F292c6912E7710c838347Ae178B4a", "2026-11-23T19:00:00Z");

        Map<String, Object> credentials = api.credentials(student, course, 200);

        assertThat(credentials)
                .containsEntry("git_user", "x-access-token")
                .containsEntry("git_token", "ghs_16C7e42F292c6912E7710c838347Ae178B4a")
                .containsEntry("repo_url", "https://github.com/" + ORG + "/" + repo + ".git")
                .containsEntry("expires_at", "2026-11-23T19:00:00Z");
        String tokens = "/app/installations/" + INSTALLATION_ID + "/access_tokens";
        github.verify(1, postRequestedFor(urlEqualTo(tokens)).withRequestBody(equalToJson("""
                {"repositories": ["%s"], "permissions": {"contents": "write", "metadata": "read"}}
                """.formatted(repo))));
        LoggedRequest request =
                github.findAll(postRequestedFor(urlEqualTo(tokens))).get(0);
        assertSignedByTheApp(request.getHeader("Authorization").substring("Bearer ".length()));
    }

    @Test
    void gitHubDownAnswers503AfterRetrying() {
        Account student = api.signup("ghdown");
        String course = api.publishCourse(student, "down");
        String repo = student.username() + "-progy-" + student.username() + "-down";
        github.stubFor(post("/orgs/" + ORG + "/repos")
                .withRequestBody(matchingJsonPath("$.name", equalTo(repo)))
                .willReturn(GitHubStubs.json(503, "{\"message\": \"Service Unavailable\"}")));

        Map<String, Object> problem =
                api.post("/v1/git/ensure-repo", student, Map.of("course", course, "github_login", "down-user"), 503);

        assertThat(problem).containsEntry("code", "GIT_HOST_UNAVAILABLE");
        github.verify(
                3,
                postRequestedFor(urlEqualTo("/orgs/" + ORG + "/repos"))
                        .withRequestBody(matchingJsonPath("$.name", equalTo(repo))));
    }

    /** The JWT is signed with the App's key, issued by the App, and short-lived. */
    private static void assertSignedByTheApp(String jwt) throws Exception {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(appKey.getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"iss\":1234");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(claims);
        assertThat(json.get("exp").asLong() - json.get("iat").asLong()).isLessThanOrEqualTo(600);
    }
}
