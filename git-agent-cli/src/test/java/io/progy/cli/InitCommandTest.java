package io.progy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code progy init} end to end against the in-test registry: download, cache, verify, unpack, git. */
class InitCommandTest {
    static final String COURSE = "@demo/hello";

    @TempDir
    Path tmp;

    FakeProgyServer server;
    Cli cli;
    Path home;
    byte[] v100;

    @BeforeEach
    void start() throws IOException {
        server = new FakeProgyServer();
        home = tmp.resolve("home");
        cli = new Cli(home, server.url());
        v100 = TestCourses.packed(tmp, COURSE, "1.0.0");
        server.publish(COURSE, "1.0.0", v100);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Path cached(String version) {
        return home.resolve("cache/registry/@demo/hello/" + version + ".progy");
    }

    @Test
    void initCreatesAGitBackedWorkspace() throws Exception {
        var target = tmp.resolve("work");

        var result = cli.run("init", COURSE, target.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Started @demo/hello@1.0.0 in " + target);
        assertThat(target.resolve("content/01_basics/01_hello/Hello.java")).exists();
        assertThat(target.resolve("course.json")).exists();
        assertThat(Files.readString(target.resolve("progy.toml")))
                .contains("course = \"@demo/hello\"")
                .contains("version = \"1.0.0\"")
                .contains("sha256 = \"" + FakeProgyServer.sha256(v100) + "\"")
                .contains("server = \"" + server.url() + "\"")
                .contains("repo_url = \"\"");
        assertThat(Files.readString(target.resolve(".gitignore")))
                .contains(
                        "content/**/README.md", "content/**/info.toml", "content/**/quiz.json", "/runner/", "/.progy/");
        assertThat(cached("1.0.0")).hasBinaryContent(v100);

        try (var git = Git.open(target.toFile())) {
            assertThat(git.getRepository().getBranch()).isEqualTo("main");
            List<RevCommit> log = List.copyOf(
                    (java.util.Collection<RevCommit>) toList(git.log().call()));
            assertThat(log).hasSize(1);
            assertThat(log.get(0).getFullMessage()).isEqualTo("init: Start course");
            assertThat(git.status().call().isClean())
                    .as("everything committed or ignored")
                    .isTrue();
            var tracked = trackedFiles(git);
            assertThat(tracked)
                    .contains("course.json", "progy.toml", ".gitignore", "content/01_basics/01_hello/Hello.java")
                    .doesNotContain(
                            "README.md",
                            "content/01_basics/01_hello/README.md",
                            "content/01_basics/info.toml",
                            "content/01_basics/01_hello/quiz.json",
                            "runner/check.sh");
        }
    }

    @Test
    void initPrintsJsonForScripts() {
        var target = tmp.resolve("json");
        var result = cli.run("init", COURSE, target.toString(), "--format", "json");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("\"name\" : \"@demo/hello\"")
                .contains("\"version\" : \"1.0.0\"")
                .contains("\"from_cache\" : false")
                .contains("\"path\" : \"" + target + "\"");
    }

    @Test
    void initDefaultsToTheSlugAndResolvesRanges() throws IOException {
        server.publish(COURSE, "1.1.0", TestCourses.packed(tmp, COURSE, "1.1.0"));
        server.publish(COURSE, "2.0.0", TestCourses.packed(tmp, COURSE, "2.0.0"));
        var target = tmp.resolve("ranged");
        var result = cli.run("init", COURSE + "@^1.0", target.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.readString(target.resolve("progy.toml"))).contains("version = \"1.1.0\"");
    }

    @Test
    void initWithoutARangeOfACourseWhoseEveryVersionIsYankedNamesTheWayOut() {
        server.yanked.add(COURSE + "@1.0.0");
        var target = tmp.resolve("gone");

        var result = cli.run("init", COURSE, target.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err())
                .contains("every version of " + COURSE + " is yanked; install an exact version with @<version>")
                .contains("progy init " + COURSE + "@1.0.0");
        assertThat(target).doesNotExist();
        assertThat(server.downloads).hasValue(0);

        var exact = cli.run("init", COURSE + "@1.0.0", target.toString());
        assertThat(exact.exitCode()).as(exact.toString()).isZero();
    }

    @Test
    void refusesANonEmptyDirectoryBeforeDownloading() throws IOException {
        var target = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(target.resolve("notes.txt"), "mine");

        var result = cli.run("init", COURSE, target.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(result.err()).contains(target + " is not empty");
        assertThat(server.requests).isEmpty();
        try (var files = Files.list(target)) {
            assertThat(files).containsExactly(target.resolve("notes.txt"));
        }
    }

    @Test
    void acceptsAnExistingEmptyDirectory() throws IOException {
        var target = Files.createDirectories(tmp.resolve("empty"));
        assertThat(cli.run("init", COURSE, target.toString()).exitCode()).isZero();
        assertThat(target.resolve("progy.toml")).exists();
    }

    @Test
    void secondInitUsesTheVerifiedCacheWithoutDownloading() {
        cli.run("init", COURSE, tmp.resolve("one").toString());
        var second = cli.run("init", COURSE, tmp.resolve("two").toString(), "--format", "json");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("\"from_cache\" : true");
        assertThat(server.downloads).hasValue(1);
    }

    @Test
    void offlineInitUsesTheHighestMatchingCachedVersion() throws IOException {
        for (var version : List.of("1.0.0", "1.1.0", "2.0.0")) {
            var file = cached(version);
            Files.createDirectories(file.getParent());
            Files.write(file, TestCourses.packed(tmp, COURSE, version));
        }
        cli.env.put("PROGY_SERVER", "http://127.0.0.1:" + closedPort());
        var target = tmp.resolve("offline");

        var result = cli.run("init", COURSE + "@^1.0", target.toString(), "--offline");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.readString(target.resolve("progy.toml"))).contains("version = \"1.1.0\"");
        assertThat(target.resolve(".git")).isDirectory();
    }

    @Test
    void offlineInitWithNothingCachedSaysSo() {
        var target = tmp.resolve("nothing");
        var result = cli.run("init", COURSE, target.toString(), "--offline");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("@demo/hello is not in the cache");
        assertThat(server.requests).isEmpty();
        assertThat(target).doesNotExist();
    }

    @Test
    void aCorruptCacheEntryIsDeletedAndDownloadedAgain() throws IOException {
        Files.createDirectories(cached("1.0.0").getParent());
        Files.write(cached("1.0.0"), "not the course".getBytes());
        var target = tmp.resolve("healed");

        var result = cli.run("init", COURSE, target.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).contains("is corrupt (sha256 mismatch); downloading it again");
        assertThat(server.downloads).hasValue(1);
        assertThat(cached("1.0.0")).hasBinaryContent(v100);
        assertThat(target.resolve("progy.toml")).exists();
    }

    @Test
    void aCorruptDownloadIsAnErrorAndLeavesNothingBehind() throws IOException {
        server.corruptDownload = TestCourses.packed(tmp, COURSE, "9.9.9");
        var target = tmp.resolve("never");

        var result = cli.run("init", COURSE, target.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(result.err())
                .contains("the download of @demo/hello@1.0.0 is corrupt: expected sha256 "
                        + FakeProgyServer.sha256(v100));
        assertThat(target).doesNotExist();
        assertThat(cached("1.0.0")).doesNotExist();
        try (var files = Files.walk(home.resolve("cache"))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aFailureAfterUnpackingRemovesEverythingInitCreated() throws IOException {
        server.publish("@demo/clash", "1.0.0", clashingCourse());
        var target = tmp.resolve("deep/nested/clash");

        var result = cli.run("init", "@demo/clash", target.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.err()).contains("progy.toml");
        assertThat(tmp.resolve("deep"))
                .as("the target and the parents init created")
                .doesNotExist();
    }

    @Test
    void aFailureInAnExistingEmptyDirectoryEmptiesItAgain() throws IOException {
        server.publish("@demo/clash", "1.0.0", clashingCourse());
        var target = Files.createDirectories(tmp.resolve("mine"));

        var result = cli.run("init", "@demo/clash", target.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(target).isDirectory();
        try (var files = Files.list(target)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anUnsafeArchiveIsRefusedWithoutCreatingTheTarget() throws IOException {
        server.publish("@demo/evil", "1.0.0", hostileArchive());
        var target = tmp.resolve("evil");

        var result = cli.run("init", "@demo/evil", target.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("INVALID_ARCHIVE");
        assertThat(target).doesNotExist();
        assertThat(tmp.resolve("escape.txt")).doesNotExist();
    }

    @Test
    void aPackageWithFilesUnderDotGitIsRefusedAndLeavesNothingBehind() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("course.json"));
            zip.write("{\"name\":\"@demo/hook\",\"version\":\"1.0.0\",\"description\":\"x\"}".getBytes());
            zip.closeEntry();
            zip.putNextEntry(new java.util.zip.ZipEntry("content/"));
            zip.closeEntry();
            zip.putNextEntry(new java.util.zip.ZipEntry(".git/hooks/post-commit"));
            zip.write("#!/bin/sh\ntouch pwned\n".getBytes());
            zip.closeEntry();
        }
        server.publish("@demo/hook", "1.0.0", out.toByteArray());
        var target = tmp.resolve("hook");

        var result = cli.run("init", "@demo/hook", target.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("INVALID_ARCHIVE").contains(".git/hooks/post-commit");
        assertThat(target).doesNotExist();
    }

    @Test
    void unknownCourseExits2() {
        var result = cli.run("init", "@demo/nope", tmp.resolve("x").toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("course @demo/nope not found");
    }

    @Test
    void theCacheIsPrunedToItsLimitAfterADownload() throws IOException {
        server.publish(COURSE, "1.1.0", TestCourses.packed(tmp, COURSE, "1.1.0"));
        cli.env.put("PROGY_CACHE_MAX_BYTES", String.valueOf(v100.length + 10));
        assertThat(cli.run("init", COURSE + "@1.0.0", tmp.resolve("a").toString())
                        .exitCode())
                .isZero();
        assertThat(cli.run("init", COURSE + "@1.1.0", tmp.resolve("b").toString())
                        .exitCode())
                .isZero();
        assertThat(cached("1.0.0")).doesNotExist();
        assertThat(cached("1.1.0")).exists();

        var ls = cli.run("cache", "ls");
        assertThat(ls.out()).contains("@demo/hello@1.1.0").doesNotContain("1.0.0");
        var clean = cli.run("cache", "clean");
        assertThat(clean.out()).contains("Removed 1 cached artifact (");
        assertThat(cached("1.1.0")).doesNotExist();
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static <T> java.util.Collection<T> toList(Iterable<T> items) {
        var list = new java.util.ArrayList<T>();
        items.forEach(list::add);
        return list;
    }

    private static List<String> trackedFiles(Git git) throws IOException {
        var files = new java.util.ArrayList<String>();
        var repo = git.getRepository();
        try (var walk = new org.eclipse.jgit.treewalk.TreeWalk(repo)) {
            walk.addTree(repo.parseCommit(repo.resolve("HEAD")).getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                files.add(walk.getPathString());
            }
        }
        return files;
    }

    /** A valid course whose "progy.toml" is a directory, so init fails after unpacking it. */
    private byte[] clashingCourse() throws IOException {
        var dir = TestCourses.write(tmp.resolve("clash-src"), "@demo/clash", "1.0.0");
        Files.createDirectories(dir.resolve("progy.toml"));
        Files.writeString(dir.resolve("progy.toml/keep.txt"), "x");
        var archive = tmp.resolve("clash.progy");
        io.progy.format.CoursePacker.pack(dir, archive);
        return Files.readAllBytes(archive);
    }

    /** A zip with course.json and content/ plus an entry escaping the target ("../escape.txt"). */
    private byte[] hostileArchive() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("course.json"));
            zip.write("{\"name\":\"@demo/evil\",\"version\":\"1.0.0\",\"description\":\"x\"}".getBytes());
            zip.closeEntry();
            zip.putNextEntry(new java.util.zip.ZipEntry("content/"));
            zip.closeEntry();
            zip.putNextEntry(new java.util.zip.ZipEntry("../escape.txt"));
            zip.write("boom".getBytes());
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
