package io.progy.orchestrator.git.github;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.progy.orchestrator.git.github.GitHubStubs.ORG;
import static io.progy.orchestrator.git.github.GitHubStubs.ORG_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.progy.orchestrator.support.ProgyApi;
import io.progy.orchestrator.support.ProgyApi.Account;
import io.progy.orchestrator.support.TestCourses;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With an organization token and no GitHub App, repositories work and git credentials are honestly refused. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "progy.sample-courses=false",
            "progy.git.provider=github",
            "progy.git.github.organization=" + ORG,
            "progy.git.github.token=" + ORG_TOKEN
        })
@DirtiesContext
class GitHubWithoutAppIT {

    static final WireMockServer github = new WireMockServer(options().dynamicPort());

    @TempDir
    static Path dataDir;

    @TempDir
    Path work;

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        if (!github.isRunning()) {
            github.start();
            new GitHubStubs(github).organization();
        }
        registry.add("progy.data-dir", () -> dataDir.toString());
        registry.add("progy.git.github.api-url", github::baseUrl);
    }

    @AfterAll
    static void stopGitHub() {
        github.stop();
    }

    @Test
    void credentialsAre501AndSayHowToPushInstead() {
        var api = new ProgyApi(client, new TestCourses(work));
        var stubs = new GitHubStubs(github);
        Account student = api.signup("ghpat");
        String course = api.publishCourse(student, "pat");
        String repo = student.username() + "-progy-" + student.username() + "-pat";
        stubs.repoCreatedOnDemand(repo);
        stubs.invitableUser("pat-user", repo);
        api.post("/v1/git/ensure-repo", student, Map.of("course", course, "github_login", "pat-user"), 201);

        Map<String, Object> problem = api.credentials(student, course, 501);

        assertThat(problem).containsEntry("code", "NOT_SUPPORTED");
        assertThat((String) problem.get("detail"))
                .contains("GitHub App")
                .contains("https://github.com/" + ORG + "/" + repo + ".git")
                .contains("your own GitHub credentials");
    }
}
