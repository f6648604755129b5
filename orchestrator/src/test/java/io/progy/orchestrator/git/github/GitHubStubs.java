package io.progy.orchestrator.git.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * WireMock stubs that answer as GitHub's REST API documents (docs.github.com/rest): organizations, repositories
 * (201 on creation, 422 "name already exists on this account"), users (404 {@code Not Found}), collaborators (201
 * invitation), and a GitHub App with its installation and installation access tokens. Repositories are absent until
 * created, through WireMock scenarios.
 */
final class GitHubStubs {

    static final String ORG = "progy-classroom";
    static final String ORG_TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
    static final long APP_ID = 1234;
    static final long INSTALLATION_ID = 4321;

    private final WireMockServer github;

    GitHubStubs(WireMockServer github) {
        this.github = github;
    }

    /** An RSA key for the App, written as GitHub hands it out: PKCS#1 PEM. */
    static KeyPair appKey(Path pemFile) throws IOException, NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        // A 2048-bit key's PKCS#8 wrapping is 26 bytes; what follows is the PKCS#1 RSAPrivateKey.
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";
        Files.writeString(pemFile, pem);
        return pair;
    }

    /** The organization, read with the organization token. */
    void organization() {
        github.stubFor(get("/orgs/" + ORG)
                .withHeader("Authorization", equalTo("token " + ORG_TOKEN))
                .willReturn(json(200, """
                        {"login": "%s", "id": 9919, "node_id": "O_kgDOAAAmvw", "url": "%s/orgs/%s",
                         "repos_url": "%s/orgs/%s/repos", "description": "Students' progress",
                         "name": "Progy Classroom", "html_url": "https://github.com/%s", "type": "Organization",
                         "public_repos": 0, "total_private_repos": 0, "created_at": "2026-01-15T09:30:00Z",
                         "updated_at": "2026-01-15T09:30:00Z"}
                        """.formatted(ORG, base(), ORG, base(), ORG, ORG))));
    }

    /** The App and its installation on the organization, read with the App's JWT. */
    void app() {
        String jwt = "Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+";
        github.stubFor(get("/app").withHeader("Authorization", matching(jwt)).willReturn(json(200, """
                        {"id": %d, "slug": "progy-classroom", "node_id": "A_kwHOAAAmvw", "name": "Progy Classroom",
                         "owner": %s, "description": "", "external_url": "https://progy.example.org",
                         "html_url": "https://github.com/apps/progy-classroom", "created_at": "2026-01-15T09:30:00Z",
                         "updated_at": "2026-01-15T09:30:00Z",
                         "permissions": {"administration": "write", "contents": "write", "metadata": "read"},
                         "events": [], "installations_count": 1}
                        """.formatted(
                        APP_ID, account(ORG, 9919, "Organization")))));
        github.stubFor(get("/app/installations/" + INSTALLATION_ID)
                .withHeader("Authorization", matching(jwt))
                .willReturn(json(200, """
                        {"id": %d, "account": %s, "repository_selection": "all",
                         "access_tokens_url": "%s/app/installations/%d/access_tokens",
                         "repositories_url": "%s/installation/repositories",
                         "html_url": "https://github.com/organizations/%s/settings/installations/%d", "app_id": %d,
                         "app_slug": "progy-classroom", "target_id": 9919, "target_type": "Organization",
                         "permissions": {"administration": "write", "contents": "write", "metadata": "read"},
                         "events": [], "created_at": "2026-01-15T09:30:00Z", "updated_at": "2026-01-15T09:30:00Z",
                         "single_file_name": null}
                        """.formatted(
                                INSTALLATION_ID,
                                account(ORG, 9919, "Organization"),
                                base(),
                                INSTALLATION_ID,
                                base(),
                                ORG,
                                INSTALLATION_ID,
                                APP_ID))));
    }

    /** A repository absent until {@code POST /orgs/{org}/repos} creates it; then 422, and found. */
    void repoCreatedOnDemand(String name) {
        firstCreation(name, json(201, repository(name)));
    }

    /** A repository that exists already (created by an earlier, interrupted attempt). */
    void repoExists(String name) {
        firstCreation(name, nameExists());
    }

    /** What the first {@code POST /orgs/{org}/repos} for {@code name} answers; after it, the repository exists. */
    private void firstCreation(String name, ResponseDefinitionBuilder answer) {
        String scenario = "repo " + name;
        github.stubFor(post("/orgs/" + ORG + "/repos")
                .withRequestBody(matchingJsonPath("$.name", equalTo(name)))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("exists")
                .willReturn(answer));
        repoExists(scenario, name);
    }

    private void repoExists(String scenario, String name) {
        github.stubFor(post("/orgs/" + ORG + "/repos")
                .withRequestBody(matchingJsonPath("$.name", equalTo(name)))
                .inScenario(scenario)
                .whenScenarioStateIs("exists")
                .willReturn(nameExists()));
        github.stubFor(get("/repos/" + ORG + "/" + name)
                .inScenario(scenario)
                .whenScenarioStateIs("exists")
                .willReturn(json(200, repository(name))));
    }

    /** A GitHub user who can be invited to {@code repository} with push rights. */
    void invitableUser(String login, String repository) {
        github.stubFor(get("/users/" + login).willReturn(json(200, account(login, 583231, "User"))));
        github.stubFor(put("/repos/" + ORG + "/" + repository + "/collaborators/" + login)
                .withRequestBody(equalToJson("{\"permission\": \"push\"}"))
                .willReturn(json(201, """
                        {"id": 1, "repository": %s, "invitee": %s, "inviter": %s, "permissions": "write",
                         "created_at": "2026-01-15T09:30:00Z", "expired": false,
                         "url": "%s/user/repository_invitations/1",
                         "html_url": "https://github.com/%s/%s/invitations", "node_id": "MDQ6VXNlcjE="}
                        """.formatted(
                                repository(repository),
                                account(login, 583231, "User"),
                                account("progy-bot", 7, "Bot"),
                                base(),
                                ORG,
                                repository))));
    }

    void noSuchUser(String login) {
        github.stubFor(get("/users/" + login)
                .willReturn(json(
                        404,
                        "{\"message\": \"Not Found\", \"documentation_url\":"
                                + " \"https://docs.github.com/rest/users/users#get-a-user\", \"status\": \"404\"}")));
    }

    /** {@code POST /app/installations/{id}/access_tokens}: a token for the selected repositories. */
    void installationToken(String token, String expiresAt) {
        github.stubFor(post("/app/installations/" + INSTALLATION_ID + "/access_tokens")
                .withHeader("Authorization", matching("Bearer .+"))
                .willReturn(json(201, """
                        {"token": "%s", "expires_at": "%s",
                         "permissions": {"contents": "write", "metadata": "read"}, "repository_selection": "selected"}
                        """.formatted(token, expiresAt))));
    }

    private ResponseDefinitionBuilder nameExists() {
        return json(422, """
                {"message": "Repository creation failed.",
                 "errors": [{"resource": "Repository", "code": "custom", "field": "name",
                             "message": "name already exists on this account"}],
                 "documentation_url": "https://docs.github.com/rest/repos/repos#create-an-organization-repository",
                 "status": "422"}
                """);
    }

    String repository(String name) {
        return """
                {"id": 1296269, "node_id": "R_kgDOABPHjQ", "name": "%s", "full_name": "%s/%s", "private": true,
                 "owner": %s, "html_url": "https://github.com/%s/%s", "description": "", "fork": false,
                 "url": "%s/repos/%s/%s", "clone_url": "https://github.com/%s/%s.git",
                 "git_url": "git:github.com/%s/%s.git", "ssh_url": "git@github.com:%s/%s.git",
                 "default_branch": "main", "visibility": "private", "size": 0, "archived": false, "disabled": false,
                 "created_at": "2026-01-15T09:30:00Z", "updated_at": "2026-01-15T09:30:00Z",
                 "pushed_at": "2026-01-15T09:30:00Z",
                 "permissions": {"admin": true, "maintain": true, "push": true, "triage": true, "pull": true}}
                """.formatted(
                        name,
                        ORG,
                        name,
                        account(ORG, 9919, "Organization"),
                        ORG,
                        name,
                        base(),
                        ORG,
                        name,
                        ORG,
                        name,
                        ORG,
                        name,
                        ORG,
                        name);
    }

    private String account(String login, long id, String type) {
        return """
                {"login": "%s", "id": %d, "node_id": "MDQ6VXNlcjE=", "avatar_url": "https://github.com/images/%s.gif",
                 "url": "%s/users/%s", "html_url": "https://github.com/%s", "type": "%s", "site_admin": false}
                """.formatted(login, id, login, base(), login, login, type);
    }

    private String base() {
        return github.baseUrl();
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-GitHub-Media-Type", "github.v3; format=json")
                .withBody(body);
    }
}
