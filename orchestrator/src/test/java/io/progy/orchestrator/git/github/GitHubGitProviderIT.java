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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

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
        Student s = student("intro");
        stubs.repoCreatedOnDemand(s.repo());
        stubs.invitableUser("ada-lovelace", s.repo());

        Map<String, Object> created = api.post(
                "/v1/git/ensure-repo", s.account(), Map.of("course", s.course(), "github_login", "ada-lovelace"), 201);
        Map<String, Object> again = api.ensureRepo(s.account(), s.course(), 200);

        String cloneUrl = "https://github.com/" + ORG + "/" + s.repo() + ".git";
        assertThat(created).containsEntry("repo_name", s.repo()).containsEntry("repo_url", cloneUrl);
        assertThat(again).containsEntry("repo_url", cloneUrl).containsEntry("created", false);
        github.verify(
                1,
                postRequestedFor(urlEqualTo("/orgs/" + ORG + "/repos"))
                        .withHeader("Authorization", equalTo("token " + ORG_TOKEN))
                        .withRequestBody(matchingJsonPath("$.name", equalTo(s.repo())))
                        .withRequestBody(matchingJsonPath("$.private", equalTo("true")))
                        .withRequestBody(matchingJsonPath("$.auto_init", equalTo("false"))));
        github.verify(
                1,
                putRequestedFor(urlEqualTo("/repos/" + ORG + "/" + s.repo() + "/collaborators/ada-lovelace"))
                        .withRequestBody(equalToJson("{\"permission\": \"push\"}")));
    }

    @Test
    void aRepositoryLeftByAnInterruptedAttemptIsLookedUp() {
        Student s = student("left");
        stubs.repoExists(s.repo());
        stubs.invitableUser("grace-h", s.repo());

        Map<String, Object> created = api.post(
                "/v1/git/ensure-repo", s.account(), Map.of("course", s.course(), "github_login", "grace-h"), 201);

        assertThat(created).containsEntry("repo_url", "https://github.com/" + ORG + "/" + s.repo() + ".git");
        github.verify(1, putRequestedFor(urlEqualTo("/repos/" + ORG + "/" + s.repo() + "/collaborators/grace-h")));
    }

    @Test
    void twentyConcurrentEnsureRepoCallsCreateOneRepository() {
        Student s = student("race");
        stubs.repoCreatedOnDemand(s.repo());
        stubs.invitableUser("racer", s.repo());

        List<Integer> statuses = ProgyApi.ensureRepoConcurrently(
                port, s.account(), Map.of("course", s.course(), "github_login", "racer"), 20);

        assertThat(statuses.stream().filter(status -> status == 201)).hasSize(1);
        assertThat(statuses.stream().filter(status -> status == 200)).hasSize(19);
        github.verify(
                1,
                postRequestedFor(urlEqualTo("/orgs/" + ORG + "/repos"))
                        .withRequestBody(matchingJsonPath("$.name", equalTo(s.repo()))));
    }

    @Test
    void aLoginGitHubDoesNotKnowOrADifferentOneLaterIsRefused() {
        Student s = student("who");
        stubs.repoCreatedOnDemand(s.repo());
        stubs.noSuchUser("nobody-here");

        Map<String, Object> unknown = api.post(
                "/v1/git/ensure-repo", s.account(), Map.of("course", s.course(), "github_login", "nobody-here"), 400);
        Map<String, Object> other = api.post(
                "/v1/git/ensure-repo", s.account(), Map.of("course", s.course(), "github_login", "someone-else"), 400);
        Map<String, Object> invalid = api.post(
                "/v1/git/ensure-repo", s.account(), Map.of("course", s.course(), "github_login", "-bad-"), 400);

        assertThat((String) unknown.get("detail")).contains("GitHub has no user nobody-here");
        assertThat((String) other.get("detail")).contains("already linked to the GitHub user nobody-here");
        assertThat(invalid).containsEntry("code", "INVALID_REQUEST");
        assertThat((String) invalid.get("detail")).startsWith("github_login: ").contains("not a GitHub login");
    }

    @Test
    void credentialsAreAnAppInstallationTokenLimitedToTheRepository() throws Exception {
        Student s = student("cred");
        stubs.repoCreatedOnDemand(s.repo());
        stubs.invitableUser("ada-cred", s.repo());
        api.post("/v1/git/ensure-repo", s.account(), Map.of("course", s.course(), "github_login", "ada-cred"), 201);
        stubs.installationToken("ghs_16C7e42F292c6912E7710c838347Ae178B4a", "2026-11-23T19:00:00Z");

        Map<String, Object> credentials = api.credentials(s.account(), s.course(), 200);

        assertThat(credentials)
                .containsEntry("git_user", "x-access-token")
                .containsEntry("git_token", "ghs_16C7e42F292c6912E7710c838347Ae178B4a")
                .containsEntry("repo_url", "https://github.com/" + ORG + "/" + s.repo() + ".git")
                .containsEntry("expires_at", "2026-11-23T19:00:00Z");
        String tokens = "/app/installations/" + INSTALLATION_ID + "/access_tokens";
        github.verify(1, postRequestedFor(urlEqualTo(tokens)).withRequestBody(equalToJson("""
                {"repositories": ["%s"], "permissions": {"contents": "write", "metadata": "read"}}
                """.formatted(s.repo()))));
        LoggedRequest request =
                github.findAll(postRequestedFor(urlEqualTo(tokens))).get(0);
        assertSignedByTheApp(request.getHeader("Authorization").substring("Bearer ".length()));
    }

    @Test
    void gitHubDownAnswers503AfterRetrying() {
        Student s = student("down");
        github.stubFor(post("/orgs/" + ORG + "/repos")
                .withRequestBody(matchingJsonPath("$.name", equalTo(s.repo())))
                .willReturn(GitHubStubs.json(503, "{\"message\": \"Service Unavailable\"}")));

        Map<String, Object> problem = api.post(
                "/v1/git/ensure-repo", s.account(), Map.of("course", s.course(), "github_login", "down-user"), 503);

        assertThat(problem).containsEntry("code", "GIT_HOST_UNAVAILABLE");
        github.verify(
                3,
                postRequestedFor(urlEqualTo("/orgs/" + ORG + "/repos"))
                        .withRequestBody(matchingJsonPath("$.name", equalTo(s.repo()))));
    }

    /** A student who published the course {@code @<student>/<slug>}, and their repository's name on GitHub. */
    record Student(Account account, String course, String repo) {}

    Student student(String slug) {
        Account account = api.signup("gh" + slug);
        String course = api.publishCourse(account, slug);
        return new Student(account, course, account.username() + "-progy-" + account.username() + "-" + slug);
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
