package io.progy.orchestrator.git.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.progy.orchestrator.support.ProgyApi;
import io.progy.orchestrator.support.ProgyApi.Account;
import io.progy.orchestrator.support.TestCourses;
import io.progy.orchestrator.testsupport.Browser;
import io.progy.orchestrator.testsupport.GitHubPeople;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code POST /v1/git/ensure-repo} with {@code target: github}: the student's portfolio in their own GitHub account,
 * on the builtin git provider, against WireMock stubs answering as GitHub's OAuth flow and REST API document. The
 * student signs in with GitHub from their Progy account in a browser, as they would.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"progy.sample-courses=false", "progy.git.host-retries=2", "progy.git.host-retry-backoff=10ms"})
@DirtiesContext
class GitHubPortfolioIT {

    static final WireMockServer github = new WireMockServer(options().dynamicPort());

    static {
        github.start();
    }

    @TempDir
    static Path dataDir;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient autowiredClient;

    ProgyApi api;
    final GitHubPeople people = new GitHubPeople(github);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("progy.data-dir", () -> dataDir.toString());
        new GitHubPeople(github).settings().forEach((key, value) -> registry.add(key, () -> value));
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
    void thePortfolioIsCreatedPrivateInTheStudentsOwnAccountOnceAndFoundAfterwards() {
        Account student = api.signup("folio");
        String course = api.publishCourse(student, "intro");
        String login = "ada-" + student.username().substring(6);
        String token = linkGitHub(student, login, "repo,read:user,user:email");
        String cloneUrl = "https://github.com/" + login + "/progy-intro.git";
        people.repositoryAbsentUntilCreated(token, login, "progy-intro", cloneUrl);

        Map<String, Object> created = ensurePortfolio(student, Map.of("course", course, "target", "github"), 201);
        Map<String, Object> again = ensurePortfolio(student, Map.of("course", course, "target", "github"), 200);

        assertThat(created)
                .containsEntry("repo_name", login + "/progy-intro")
                .containsEntry("repo_url", cloneUrl)
                .containsEntry("created", true)
                .containsEntry("private", true)
                .containsEntry("git_user", "x-access-token")
                .containsEntry("git_token", token);
        assertThat(again)
                .containsEntry("repo_url", cloneUrl)
                .containsEntry("created", false)
                .containsEntry("git_token", token);
        github.verify(
                1,
                postRequestedFor(urlPathEqualTo("/user/repos"))
                        .withHeader("Authorization", equalTo("token " + token))
                        .withRequestBody(matchingJsonPath("$.name", equalTo("progy-intro")))
                        .withRequestBody(matchingJsonPath("$.private", equalTo("true")))
                        .withRequestBody(matchingJsonPath("$.auto_init", equalTo("false"))));
    }

    @Test
    void publicAsksGitHubForAPublicRepository() {
        Account student = api.signup("folio");
        String course = api.publishCourse(student, "open");
        String login = "grace-" + student.username().substring(6);
        String token = linkGitHub(student, login, "repo");
        people.repositoryAbsentUntilCreated(
                token, login, "progy-open", "https://github.com/" + login + "/progy-open.git");

        ensurePortfolio(student, Map.of("course", course, "target", "github", "public", true), 201);

        github.verify(
                1,
                postRequestedFor(urlPathEqualTo("/user/repos"))
                        .withRequestBody(matchingJsonPath("$.name", equalTo("progy-open")))
                        .withRequestBody(matchingJsonPath("$.private", equalTo("false"))));
    }

    @Test
    void withoutTheRepoScopeOrAGitHubSignInTheProblemSaysHowToGrantIt() {
        Account stranger = api.signup("folio");
        String course = api.publishCourse(stranger, "nogh");
        Account student = api.signup("folio");
        api.publishCourse(student, "noscope");
        linkGitHub(student, "bob-" + student.username().substring(6), "read:user,user:email");
        int before = github.getAllServeEvents().size();

        Map<String, Object> neverLinked = ensurePortfolio(stranger, Map.of("course", course, "target", "github"), 409);
        Map<String, Object> noScope = ensurePortfolio(
                student, Map.of("course", "@" + student.username() + "/noscope", "target", "github"), 409);

        for (Map<String, Object> problem : List.of(neverLinked, noScope)) {
            assertThat(problem).containsEntry("code", "GITHUB_ACCESS_NEEDED");
            assertThat((String) problem.get("detail"))
                    .contains("sign in with GitHub at http://localhost:" + port + "/auth/github")
                    .contains("allow access to your repositories");
        }
        assertThat(github.getAllServeEvents()).as("GitHub is not asked").hasSize(before);
    }

    @Test
    void aTokenRevokedOnGitHubAsksToSignInAgain() {
        Account student = api.signup("folio");
        String course = api.publishCourse(student, "revoked");
        String token = linkGitHub(student, "carol-" + student.username().substring(6), "repo");
        people.revoked(token);

        Map<String, Object> problem = ensurePortfolio(student, Map.of("course", course, "target", "github"), 409);

        assertThat(problem).containsEntry("code", "GITHUB_ACCESS_NEEDED");
        assertThat((String) problem.get("detail"))
                .contains("GitHub no longer accepts the token")
                .contains("/auth/github");
    }

    @Test
    void gitHubDownIs503AndAPortfolioNeedsTheGitScope() {
        Account student = api.signup("folio");
        String course = api.publishCourse(student, "down");
        String token = linkGitHub(student, "dave-" + student.username().substring(6), "repo");
        github.stubFor(get(urlPathEqualTo("/user"))
                .withHeader("Authorization", equalTo("token " + token))
                .atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(503)
                        .withBody("upstream unavailable")));

        Map<String, Object> down = ensurePortfolio(student, Map.of("course", course, "target", "github"), 503);

        assertThat(down).containsEntry("code", "GIT_HOST_UNAVAILABLE");
        assertThat((String) down.get("detail")).contains("GitHub").contains("try again");
        Map<?, ?> progressOnly =
                api.post("/v1/tokens", student, Map.of("name", "progress-only", "scopes", List.of("progress")), 201);
        Account limited = new Account(student.username(), (String) progressOnly.get("token"));
        Map<String, Object> refused = ensurePortfolio(limited, Map.of("course", course, "target", "github"), 403);
        assertThat(refused).containsEntry("code", "INSUFFICIENT_SCOPE");
    }

    private Map<String, Object> ensurePortfolio(Account student, Map<String, Object> body, int status) {
        return api.post("/v1/git/ensure-repo", student, body, status);
    }

    /** The student signs in on the web with their password, then with GitHub as {@code login}. */
    private String linkGitHub(Account student, String login, String scopes) {
        var browser = new Browser("http://localhost:" + port);
        assertThat(browser.signIn(student.username(), "a long password").statusCode())
                .isEqualTo(303);
        return people.link(browser, login, scopes);
    }
}
