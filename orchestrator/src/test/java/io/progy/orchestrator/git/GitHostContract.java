package io.progy.orchestrator.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.orchestrator.support.ProgyApi;
import io.progy.orchestrator.support.ProgyApi.Account;
import io.progy.orchestrator.support.TestCourses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Provisioning, credentials and the builtin git host, against the real server on a random port, driven by
 * the C {@code git} binary and by JGit. Each subclass runs it on one database; the push size limit is set
 * to {@link #MAX_PUSH_SIZE} there, and the pack limit to {@link #MAX_PACKS}.
 */
abstract class GitHostContract {

    static final String MAX_PUSH_SIZE = "4MB";
    /** Low, so that a few dozen pushes compact a repository several times. */
    static final int MAX_PACKS = 4;

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient autowiredClient;

    @Autowired
    DatabaseClient db;

    @Autowired
    BuiltinGitProvider builtin;

    @Autowired
    BareRepositories disk;

    @Autowired
    RepositoryHousekeeping housekeeping;

    @TempDir
    Path work;

    WebTestClient client;
    TestCourses courses;
    ProgyApi api;
    final HttpClient http = HttpClient.newHttpClient();

    record Credentials(String user, String token, String repoUrl, Instant expiresAt) {}

    record Run(int exit, String output) {}

    abstract Path dataDir();

    @BeforeEach
    void setUpClient() {
        client =
                autowiredClient.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        courses = new TestCourses(work);
        api = new ProgyApi(client, courses);
    }

    // ------------------------------------------------------------------ provisioning

    @Test
    @SuppressWarnings("unchecked")
    void ensureRepoCreatesTheRepositoryOnceAndThenReturnsIt() {
        Account student = signup("ensure");
        String course = publishCourse(student, "intro");

        Map<String, Object> first = ensureRepo(student, course, 201);
        assertThat(first)
                .containsEntry("course", course)
                .containsEntry("repo_name", "progy-" + student.username() + "-intro")
                .containsEntry("created", true);
        assertThat((String) first.get("repo_url"))
                .isEqualTo("http://localhost:" + port + "/git/" + student.username() + "/progy-" + student.username()
                        + "-intro.git");
        Map<String, Object> again = ensureRepo(student, course, 200);
        assertThat(again).containsEntry("created", false).containsEntry("repo_url", first.get("repo_url"));
        assertThat(dataDir().resolve("git/" + student.username() + "/progy-" + student.username() + "-intro.git/HEAD"))
                .content()
                .isEqualTo("ref: refs/heads/main\n");
    }

    @Test
    void concurrentEnsureRepoCallsCreateExactlyOneRepository() throws IOException {
        Account student = signup("race");
        String course = publishCourse(student, "race");

        List<Integer> statuses = ProgyApi.ensureRepoConcurrently(port, student, Map.of("course", course), 20);

        assertThat(statuses).hasSize(20);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(19);
        assertThat(db.sql("SELECT COUNT(*) FROM git_repos r JOIN users u ON u.id = r.user_id WHERE u.username = :u")
                        .bind("u", student.username())
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block(Duration.ofSeconds(30)))
                .isEqualTo(1L);
        try (var entries = Files.list(dataDir().resolve("git/" + student.username()))) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactly("progy-" + student.username() + "-race.git");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void coursesWhoseNamesWouldShareARepositoryNameGetTwoRepositories() {
        // @<a>-x/y and @<a>/x-y both read progy-<a>-x-y.
        Account author = signup("col");
        Account otherAuthor = signupAs(author.username() + "-x");
        String first = publishCourse(otherAuthor, "y");
        String second = publishCourse(author, "x-y");
        Account student = signup("both");

        Map<String, Object> one = ensureRepo(student, first, 201);
        Map<String, Object> two = ensureRepo(student, second, 201);
        assertThat(one.get("repo_name")).isEqualTo("progy-" + author.username() + "-x-y");
        assertThat((String) two.get("repo_name")).startsWith("progy-" + author.username() + "-x-y-");
        assertThat(two.get("repo_url")).isNotEqualTo(one.get("repo_url"));
        assertThat(ensureRepo(student, second, 200)).containsEntry("repo_name", two.get("repo_name"));
        assertThat(credentials(student, second).repoUrl()).endsWith("/" + two.get("repo_name") + ".git");
    }

    @Test
    void ensureRepoForACourseNotInTheRegistryIs404() {
        Account student = signup("nocourse");
        client.post()
                .uri("/v1/git/ensure-repo")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + student.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("course", "@" + student.username() + "/missing"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_FOUND");
        client.post()
                .uri("/v1/git/ensure-repo")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + student.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("course", "Not a course"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_NAME");
    }

    @Test
    void credentialsWithoutEnrollmentAre404() {
        Account student = signup("noenroll");
        String course = publishCourse(student, "never");
        client.post()
                .uri("/v1/git/credentials")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + student.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("course", course))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_FOUND");
        client.post()
                .uri("/v1/git/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("course", course))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHORIZED");
    }

    @Test
    void credentialsAreShortLivedAndNameTheRepository() {
        Account student = signup("creds");
        String course = publishCourse(student, "creds");
        ensureRepo(student, course, 201);
        Credentials credentials = credentials(student, course);
        assertThat(credentials.user()).isEqualTo(student.username());
        assertThat(credentials.token()).startsWith("pgit_");
        assertThat(credentials.repoUrl())
                .endsWith("/git/" + student.username() + "/progy-" + student.username() + "-creds.git");
        assertThat(credentials.expiresAt())
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(59)),
                        Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(db.sql("SELECT COUNT(*) FROM git_tokens WHERE token_hash = :hash")
                        .bind("hash", sha256(credentials.token()))
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block(Duration.ofSeconds(30)))
                .as("only the token's sha256 is stored")
                .isEqualTo(1L);
    }

    // ------------------------------------------------------------------ the C git client

    @Test
    void cloneCommitPushCloneAgainAndPullRebase() throws IOException {
        Account student = signup("loop");
        Credentials credentials = enrolledCredentials(student, "loop");
        String url = withUserInfo(credentials);

        Path deviceA = work.resolve("a");
        Run clone = git(work, "clone", url, deviceA.toString());
        assertThat(clone.exit()).as(clone.output()).isZero();
        assertThat(clone.output()).contains("empty repository");
        Files.writeString(deviceA.resolve("Hello.java"), "class Hello {}\n");
        ok(git(deviceA, "add", "."));
        ok(git(deviceA, "commit", "-m", "init: Start course"));
        ok(git(deviceA, "push", "origin", "main"));

        Path deviceB = work.resolve("b");
        ok(git(work, "-c", "protocol.version=0", "clone", url, deviceB.toString()));
        assertThat(deviceB.resolve("Hello.java")).hasContent("class Hello {}");
        Files.writeString(deviceB.resolve("Notes.md"), "from b\n");
        ok(git(deviceB, "add", "."));
        ok(git(deviceB, "commit", "-m", "Lesson 01: completed"));
        ok(git(deviceB, "push"));

        Files.writeString(deviceA.resolve("Other.java"), "class Other {}\n");
        ok(git(deviceA, "add", "."));
        ok(git(deviceA, "commit", "-m", "Lesson 02: completed"));
        ok(git(deviceA, "pull", "--rebase"));
        assertThat(deviceA.resolve("Notes.md")).hasContent("from b");
        ok(git(deviceA, "push"));
        ok(git(deviceB, "pull", "--rebase"));
        assertThat(deviceB.resolve("Other.java")).hasContent("class Other {}");
        assertThat(ok(git(deviceB, "log", "--format=%s")).output())
                .isEqualTo("Lesson 02: completed\nLesson 01: completed\ninit: Start course\n");
    }

    @Test
    void speaksProtocolVersion2AndVersion0() throws IOException {
        Account student = signup("proto");
        Credentials credentials = enrolledCredentials(student, "proto");
        String url = withUserInfo(credentials);
        Path device = work.resolve("proto");
        ok(git(work, "clone", url, device.toString()));
        Files.writeString(device.resolve("a.txt"), "a\n");
        ok(git(device, "add", "."));
        ok(git(device, "commit", "-m", "a"));
        ok(git(device, "push", "origin", "main"));
        String head = ok(git(device, "rev-parse", "HEAD")).output().trim();

        Run v2 = git(work, Map.of("GIT_TRACE_PACKET", "1"), "-c", "protocol.version=2", "ls-remote", url);
        assertThat(v2.exit()).as(v2.output()).isZero();
        assertThat(v2.output()).contains("version 2").contains(head + "\trefs/heads/main");
        Run v0 = git(work, Map.of("GIT_TRACE_PACKET", "1"), "-c", "protocol.version=0", "ls-remote", url);
        assertThat(v0.exit()).as(v0.output()).isZero();
        assertThat(v0.output()).doesNotContain("version 2").contains(head + "\trefs/heads/main");

        Path v2Clone = work.resolve("v2clone");
        ok(git(work, "-c", "protocol.version=2", "clone", url, v2Clone.toString()));
        assertThat(v2Clone.resolve("a.txt")).hasContent("a");
    }

    @Test
    void forcePushesAreRefusedWithAMessage() throws IOException {
        Account student = signup("force");
        String url = withUserInfo(enrolledCredentials(student, "force"));
        Path device = work.resolve("force");
        ok(git(work, "clone", url, device.toString()));
        Files.writeString(device.resolve("a.txt"), "a\n");
        ok(git(device, "add", "."));
        ok(git(device, "commit", "-m", "first"));
        ok(git(device, "push", "origin", "main"));
        String pushed = ok(git(device, "rev-parse", "HEAD")).output().trim();

        ok(git(device, "commit", "--amend", "-m", "rewritten"));
        Run force = git(device, "push", "--force", "origin", "main");
        assertThat(force.exit()).as(force.output()).isNotZero();
        assertThat(force.output())
                .contains("(non-fast-forward)")
                .contains("remote: Progy keeps every commit: force pushes are refused");
        assertThat(ok(git(device, "ls-remote", url, "refs/heads/main")).output())
                .startsWith(pushed);
    }

    @Test
    void refDeletionsAreRefused() throws IOException {
        Account student = signup("delete");
        String url = withUserInfo(enrolledCredentials(student, "delete"));
        Path device = work.resolve("delete");
        ok(git(work, "clone", url, device.toString()));
        Files.writeString(device.resolve("a.txt"), "a\n");
        ok(git(device, "add", "."));
        ok(git(device, "commit", "-m", "first"));
        ok(git(device, "push", "origin", "main", "main:refs/heads/progy/conflict-1"));

        Run delete = git(device, "push", "origin", "--delete", "progy/conflict-1");
        assertThat(delete.exit()).as(delete.output()).isNotZero();
        assertThat(delete.output()).contains("remote rejected").contains("is refused");
        assertThat(ok(git(device, "ls-remote", url)).output()).contains("refs/heads/progy/conflict-1");
    }

    @Test
    void pushesOverTheSizeLimitAreRefusedWithAMessage() throws IOException {
        Account student = signup("big");
        String url = withUserInfo(enrolledCredentials(student, "big"));
        Path device = work.resolve("big");
        ok(git(work, "clone", url, device.toString()));
        byte[] noise = new byte[6 * 1024 * 1024]; // incompressible, over the test limit
        new Random(7).nextBytes(noise);
        Files.write(device.resolve("big.bin"), noise);
        ok(git(device, "add", "."));
        ok(git(device, "commit", "-m", "big"));

        Run push = git(device, "push", "origin", "main");
        assertThat(push.exit()).as(push.output()).isNotZero();
        assertThat(push.output()).contains("exceeds the limit");
        assertThat(ok(git(device, "ls-remote", url)).output()).doesNotContain("refs/heads/main");
    }

    @Test
    void pushesAndClonesPacksLargerThanOneRequestBuffer() throws IOException {
        Account student = signup("large");
        String url = withUserInfo(enrolledCredentials(student, "large"));
        Path device = work.resolve("large");
        ok(git(work, "clone", url, device.toString()));
        byte[] noise = new byte[3 * 1024 * 1024]; // over git's 1 MiB post buffer: sent chunked
        new Random(11).nextBytes(noise);
        Files.write(device.resolve("data.bin"), noise);
        ok(git(device, "add", "."));
        ok(git(device, "commit", "-m", "data"));
        ok(git(device, "push", "origin", "main"));

        for (String version : List.of("0", "2")) {
            Path copy = work.resolve("large-v" + version);
            ok(git(work, "-c", "protocol.version=" + version, "clone", url, copy.toString()));
            assertThat(Files.readAllBytes(copy.resolve("data.bin"))).isEqualTo(noise);
        }
    }

    // ------------------------------------------------------------------ JGit as the client

    @Test
    void jgitClonesPushesAndFetches() throws Exception {
        Account student = signup("jgit");
        Credentials credentials = enrolledCredentials(student, "jgit");
        var provider = new UsernamePasswordCredentialsProvider(credentials.user(), credentials.token());
        Path first = work.resolve("jgit-1");
        try (Git git = Git.cloneRepository()
                .setURI(credentials.repoUrl())
                .setDirectory(first.toFile())
                .setCredentialsProvider(provider)
                .call()) {
            // The clone of an empty repository has an unborn HEAD; start "main", tracking origin's.
            git.getRepository().updateRef("HEAD").link("refs/heads/main");
            var config = git.getRepository().getConfig();
            config.setString("branch", "main", "remote", "origin");
            config.setString("branch", "main", "merge", "refs/heads/main");
            config.save();
            Files.writeString(first.resolve("Hello.java"), "class Hello {}\n");
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("init: Start course")
                    .setAuthor("Student", "s@example.org")
                    .call();
            git.push()
                    .setRemote("origin")
                    .add("main")
                    .setCredentialsProvider(provider)
                    .call();
        }
        // The C client sees what JGit pushed, and JGit fetches what the C client pushed.
        Path cgit = work.resolve("jgit-c");
        ok(git(work, "clone", withUserInfo(credentials), cgit.toString()));
        assertThat(cgit.resolve("Hello.java")).hasContent("class Hello {}");
        Files.writeString(cgit.resolve("Notes.md"), "notes\n");
        ok(git(cgit, "add", "."));
        ok(git(cgit, "commit", "-m", "notes"));
        ok(git(cgit, "push"));
        try (Git git = Git.open(first.toFile())) {
            git.pull().setRebase(true).setCredentialsProvider(provider).call();
        }
        assertThat(first.resolve("Notes.md")).hasContent("notes");
    }

    @Test
    void manyPushesLeaveFewPacksAndLoseNoCommitWhileFetchesGoOn() throws Exception {
        Account student = signup("packs");
        Credentials credentials = enrolledCredentials(student, "packs");
        String url = withUserInfo(credentials);
        String owner = student.username();
        String name = "progy-" + owner + "-packs";
        Path device = work.resolve("packs");
        ok(git(work, "clone", url, device.toString()));
        Files.writeString(device.resolve("Progress.md"), "start\n");
        ok(git(device, "add", "."));
        ok(git(device, "commit", "-m", "init: Start course"));
        ok(git(device, "push", "origin", "main"));
        Path reader = work.resolve("packs-reader");
        ok(git(work, "clone", url, reader.toString()));

        // Fetches take no lock: they go on while pushes come in and the repository is compacted.
        var pushing = new AtomicBoolean(true);
        var fetches = Executors.newSingleThreadExecutor();
        Future<Integer> fetched = fetches.submit(() -> {
            int count = 0;
            while (pushing.get()) {
                ok(git(reader, "fetch", "origin"));
                count++;
            }
            return count;
        });

        var provider = new UsernamePasswordCredentialsProvider(credentials.user(), credentials.token());
        int pushes = 40;
        int mostPacks = 0;
        try (Git jgit = Git.open(device.toFile())) {
            for (int i = 1; i <= pushes; i++) {
                Files.writeString(device.resolve("Progress.md"), "lesson " + i + "\n");
                Files.writeString(device.resolve("Lesson" + i + ".java"), "class Lesson" + i + " {}\n");
                ok(git(device, "add", "."));
                ok(git(device, "commit", "-m", "Lesson " + i + ": completed"));
                if (i % 2 == 0) {
                    ok(git(device, "push", "origin", "main"));
                } else {
                    jgit.push()
                            .setRemote(credentials.repoUrl())
                            .add("main")
                            .setCredentialsProvider(provider)
                            .call()
                            .forEach(result -> assertThat(result.getRemoteUpdate("refs/heads/main")
                                            .getStatus())
                                    .isEqualTo(RemoteRefUpdate.Status.OK));
                }
                mostPacks = Math.max(mostPacks, disk.packCount(owner, name));
            }
        } finally {
            pushing.set(false);
            fetches.shutdown();
        }
        assertThat(fetched.get(120, TimeUnit.SECONDS)).isPositive();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (housekeeping.isCompacting(owner, name)) {
            assertThat(System.nanoTime()).as("compaction settles").isLessThan(deadline);
            Thread.sleep(20);
        }

        // Without compaction there would be one pack per push.
        assertThat(disk.packCount(owner, name)).isBetween(1, MAX_PACKS + 1);
        assertThat(mostPacks).isLessThan(pushes / 2);
        Path bare = disk.directory(owner, name).orElseThrow();
        ok(git(work, "--git-dir=" + bare, "fsck", "--full", "--strict"));
        String local = ok(git(device, "rev-list", "main")).output();
        assertThat(ok(git(work, "--git-dir=" + bare, "rev-list", "main")).output())
                .isEqualTo(local);
        assertThat(local.lines()).hasSize(pushes + 1);

        Path fresh = work.resolve("packs-fresh");
        ok(git(work, "clone", url, fresh.toString()));
        assertThat(fresh.resolve("Progress.md")).hasContent("lesson " + pushes);
        assertThat(fresh.resolve("Lesson1.java")).hasContent("class Lesson1 {}");
        assertThat(ok(git(fresh, "rev-list", "HEAD")).output()).isEqualTo(local);
    }

    // ------------------------------------------------------------------ security

    @Test
    void anotherUsersTokenCannotCloneFetchOrPush() throws IOException, InterruptedException {
        Account alice = signup("alice");
        Credentials aliceCredentials = enrolledCredentials(alice, "secret");
        Path aliceDevice = work.resolve("alice");
        ok(git(work, "clone", withUserInfo(aliceCredentials), aliceDevice.toString()));
        Files.writeString(aliceDevice.resolve("a.txt"), "alice's work\n");
        ok(git(aliceDevice, "add", "."));
        ok(git(aliceDevice, "commit", "-m", "a"));
        ok(git(aliceDevice, "push", "origin", "main"));

        Account bob = signup("bob");
        Credentials bobCredentials = enrolledCredentials(bob, "secret");
        String aliceRepoWithBobsToken = withUserInfo(
                new Credentials(bobCredentials.user(), bobCredentials.token(), aliceCredentials.repoUrl(), null));

        Run clone = git(
                work, "clone", aliceRepoWithBobsToken, work.resolve("bob-clone").toString());
        assertThat(clone.exit()).isNotZero();
        assertThat(clone.output()).contains("not found");
        Run fetch = git(aliceDevice, "fetch", aliceRepoWithBobsToken);
        assertThat(fetch.exit()).isNotZero();
        assertThat(fetch.output()).contains("not found");
        Run push = git(aliceDevice, "push", aliceRepoWithBobsToken, "main:refs/heads/bob");
        assertThat(push.exit()).isNotZero();
        assertThat(push.output()).contains("not found");

        for (String service : List.of("git-upload-pack", "git-receive-pack")) {
            assertThat(infoRefs(aliceCredentials.repoUrl(), service, basic(bob.username(), bobCredentials.token()))
                            .statusCode())
                    .isEqualTo(404);
        }
        // Bob's own token with Alice's name does not authenticate either.
        assertThat(infoRefs(
                                aliceCredentials.repoUrl(),
                                "git-upload-pack",
                                basic(alice.username(), bobCredentials.token()))
                        .statusCode())
                .isEqualTo(401);
        assertThat(ok(git(aliceDevice, "ls-remote", withUserInfo(aliceCredentials)))
                        .output())
                .doesNotContain("refs/heads/bob");
    }

    @Test
    void missingOrBadCredentialsAsk401WithBasic() throws IOException, InterruptedException {
        Account student = signup("anon");
        Credentials credentials = enrolledCredentials(student, "anon");
        HttpResponse<String> anonymous = infoRefs(credentials.repoUrl(), "git-upload-pack", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Basic realm=\"Progy\""));
        // An API token is not a git credential.
        assertThat(infoRefs(credentials.repoUrl(), "git-upload-pack", basic(student.username(), student.token()))
                        .statusCode())
                .isEqualTo(401);
        Run clone = git(
                work,
                "clone",
                credentials.repoUrl(),
                work.resolve("anon").toString()); // no user info, no prompt, no helper
        assertThat(clone.exit()).isNotZero();
    }

    @Test
    void anExpiredGitTokenIsRefused() throws IOException, InterruptedException {
        Account student = signup("expired");
        Credentials credentials = enrolledCredentials(student, "expired");
        assertThat(infoRefs(credentials.repoUrl(), "git-upload-pack", basic(credentials.user(), credentials.token()))
                        .statusCode())
                .isEqualTo(200);
        db.sql("UPDATE git_tokens SET expires_at = :past WHERE token_hash = :hash")
                .bind("past", Instant.now().minusSeconds(1).atOffset(java.time.ZoneOffset.UTC))
                .bind("hash", sha256(credentials.token()))
                .then()
                .block(Duration.ofSeconds(30));

        assertThat(infoRefs(credentials.repoUrl(), "git-upload-pack", basic(credentials.user(), credentials.token()))
                        .statusCode())
                .isEqualTo(401);
        Run lsRemote = git(work, "ls-remote", withUserInfo(credentials));
        assertThat(lsRemote.exit()).isNotZero();
        assertThat(lsRemote.output()).contains("Authentication failed");

        assertThat(builtin.deleteExpiredTokens().block(Duration.ofSeconds(30))).isPositive();
        assertThat(db.sql("SELECT COUNT(*) FROM git_tokens WHERE token_hash = :hash")
                        .bind("hash", sha256(credentials.token()))
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block(Duration.ofSeconds(30)))
                .isZero();
    }

    @Test
    void aGitTokenCannotCallTheApi() {
        Account student = signup("scoped");
        Credentials credentials = enrolledCredentials(student, "scoped");
        client.get()
                .uri("/v1/user")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + credentials.token())
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHORIZED");
        client.post()
                .uri("/v1/git/credentials")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + credentials.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("course", "@" + student.username() + "/scoped"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHORIZED");
    }

    @Test
    void acceptsAGzippedRequestBody() throws IOException, InterruptedException {
        Account student = signup("gzip");
        Credentials credentials = enrolledCredentials(student, "gzip");
        Path device = work.resolve("gzip");
        ok(git(work, "clone", withUserInfo(credentials), device.toString()));
        Files.writeString(device.resolve("a.txt"), "a\n");
        ok(git(device, "add", "."));
        ok(git(device, "commit", "-m", "a"));
        ok(git(device, "push", "origin", "main"));
        String head = ok(git(device, "rev-parse", "HEAD")).output().trim();

        // Protocol v2 ls-refs, gzipped as the C client sends large requests.
        var body = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(body)) {
            gzip.write("0014command=ls-refs\n00010000".getBytes(StandardCharsets.US_ASCII));
        }
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(credentials.repoUrl() + "/git-upload-pack"))
                        .header("Authorization", basic(credentials.user(), credentials.token()))
                        .header("Content-Type", "application/x-git-upload-pack-request")
                        .header("Content-Encoding", "gzip")
                        .header("Git-Protocol", "version=2")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-git-upload-pack-result");
        assertThat(response.body()).contains(head + " refs/heads/main");
    }

    // ------------------------------------------------------------------ helpers

    Account signup(String prefix) {
        return api.signup(prefix);
    }

    Account signupAs(String name) {
        return api.signupAs(name);
    }

    /** Publishes {@code @<owner>/<slug>} and returns its name. */
    String publishCourse(Account owner, String slug) {
        return api.publishCourse(owner, slug);
    }

    Map<String, Object> ensureRepo(Account student, String course, int expectedStatus) {
        return api.ensureRepo(student, course, expectedStatus);
    }

    Credentials credentials(Account student, String course) {
        Map<String, Object> body = api.credentials(student, course, 200);
        return new Credentials(
                (String) body.get("git_user"),
                (String) body.get("git_token"),
                ((String) body.get("repo_url")).replace("localhost", "127.0.0.1"),
                Instant.parse((String) body.get("expires_at")));
    }

    /** Publishes {@code @<student>/<slug>}, enrolls the student and returns git credentials. */
    Credentials enrolledCredentials(Account student, String slug) {
        String course = publishCourse(student, slug);
        ensureRepo(student, course, 201);
        return credentials(student, course);
    }

    static String withUserInfo(Credentials credentials) {
        URI url = URI.create(credentials.repoUrl());
        return url.getScheme() + "://" + URLEncoder.encode(credentials.user(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(credentials.token(), StandardCharsets.UTF_8) + "@" + url.getAuthority()
                + url.getPath();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> infoRefs(String repoUrl, String service, String authorization)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(repoUrl + "/info/refs?service=" + service));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    Run git(Path dir, String... args) throws IOException {
        return git(dir, Map.of(), args);
    }

    /** Runs the C git client: no prompts, no system or user configuration, no credential helper. */
    Run git(Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "git",
                "-c",
                "user.name=Student",
                "-c",
                "user.email=student@example.org",
                "-c",
                "init.defaultBranch=main",
                "-c",
                "credential.helper=",
                "-c",
                "advice.detachedHead=false"));
        command.addAll(List.of(args));
        Path home = work.resolve("home");
        Files.createDirectories(home);
        var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        process.environment()
                .putAll(Map.of(
                        "GIT_TERMINAL_PROMPT", "0",
                        "GIT_CONFIG_NOSYSTEM", "1",
                        "GIT_ASKPASS", "",
                        "HOME", home.toString(),
                        "LC_ALL", "C"));
        process.environment().remove("SSH_ASKPASS");
        process.environment().putAll(env);
        Process running = process.start();
        byte[] output = running.getInputStream().readAllBytes();
        try {
            if (!running.waitFor(120, TimeUnit.SECONDS)) {
                running.destroyForcibly();
                throw new AssertionError("git " + String.join(" ", args) + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Run(running.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static Run ok(Run run) {
        assertThat(run.exit()).as(run.output()).isZero();
        return run;
    }

    static String sha256(String text) {
        return io.progy.format.Sha256.hex(
                io.progy.format.Sha256.newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
