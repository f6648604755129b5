package io.progy.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.cli.Cli;
import io.progy.cli.EmbeddedServer;
import io.progy.cli.InMemoryTempDir;
import io.progy.cli.StudentCourses;
import io.progy.cli.TestOutput;
import io.progy.cli.http.HttpApi;
import io.progy.cli.registry.RegistryApi;
import io.progy.format.CoursePacker;
import io.progy.format.Exercise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random work on two or three devices of one student, against the real orchestrator over HTTP: edits,
 * deletions, passes, saves, syncs, conflict resolutions and offline or logged-out periods, interleaved; then every
 * device comes online and syncs until all agree. In every scenario no committed work may be lost: each commit any
 * device ever had (from its reflogs) must be on the server, itself or as its replayed copy. Drives {@link
 * ProgressRepo} directly (the CLI's own path through it is covered by {@link ProgressSyncIT}); scenarios run in
 * parallel, each with its own course and repository. {@code -Dprogy.sync.seed=N} replays a run,
 * {@code -Dprogy.sync.scenarios=N} changes how many.
 */
class RandomizedSyncIT {
    static final long SEED = Long.getLong("progy.sync.seed", 5_2026L);
    static final int SCENARIOS = Integer.getInteger("progy.sync.scenarios", 200);
    static final String PASSWORD = "correct horse battery";
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final List<String> FILES = List.of(
            "content/m/01_a/answer.txt",
            "content/m/01_a/notes.txt",
            "content/m/02_b/answer.txt",
            "content/m/02_b/notes.txt",
            "content/m/03_c/answer.txt",
            "notes.md");
    static final List<String> EXERCISES = List.of("01_a", "02_b", "03_c");

    /** In memory where possible: the run writes and deletes some 40,000 small files. */
    @TempDir(factory = InMemoryTempDir.class)
    static Path work;

    static EmbeddedServer server;
    static String dead;
    static String studentToken;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedServer.startUnlimited(work.resolve("server-data"));
        dead = EmbeddedServer.deadServer();
        var instructorToken = signup("rand");
        studentToken = signup("roamer");
        var registry = new RegistryApi(new HttpApi(server.url(), instructorToken, TestOutput.silent()));
        var source = StudentCourses.course(
                work.resolve("course"), course(0), StudentCourses.shellRunner(10), "m", "01_a", "02_b", "03_c");
        var manifest = source.resolve("course.json");
        var template = Files.readString(manifest);
        var archives = new ArrayList<Path>();
        for (int i = 0; i < SCENARIOS; i++) {
            Files.writeString(manifest, template.replace(course(0), course(i)));
            archives.add(
                    CoursePacker.pack(source, work.resolve("c" + i + ".progy")).archive());
        }
        var pool = Executors.newFixedThreadPool(3);
        try {
            var uploads = new ArrayList<Future<?>>();
            for (var archive : archives) {
                uploads.add(pool.submit(() -> registry.publish(archive)));
            }
            for (var upload : uploads) {
                upload.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String course(int scenario) {
        return "@rand/c" + scenario;
    }

    @Test
    void noCommittedWorkIsEverLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            var runs = new ArrayList<Future<Integer>>();
            for (int i = 0; i < SCENARIOS; i++) {
                var scenario = new Scenario(i, new Random(SEED * 31 + i));
                runs.add(pool.submit(scenario::run));
            }
            int works = 0;
            for (var run : runs) {
                works += run.get();
            }
            assertThat(works).as("commits checked across all scenarios").isGreaterThan(SCENARIOS * 3);
            theCheckSeesWorkThatIsNotOnTheServer();
        } finally {
            pool.shutdownNow();
        }
    }

    /** The check above is not blind: a commit only a device has is reported lost. */
    private void theCheckSeesWorkThatIsNotOnTheServer() throws Exception {
        var device = new Device("d0", work.resolve("s0"), course(0));
        device.link = Link.OFFLINE;
        StudentCourses.write(device.dir.resolve("notes.md"), "never uploaded\n");
        try (var repo = device.open()) {
            repo.save("only on this device");
        }
        var ledger = new WorkLedger();
        device.link = Link.ONLINE;
        try (var git = Git.open(device.dir.toFile());
                var mirror = RemoteMirror.create(work.resolve("s0/late-mirror"))) {
            ledger.record("d0", git.getRepository());
            mirror.fetch(((ServerGitRemote) device.remote()).access(false));
            assertThat(ledger.lostFrom(mirror.repository()))
                    .singleElement()
                    .asString()
                    .endsWith("only on this device");
        }
    }

    /** How a device reaches the server now. */
    enum Link {
        ONLINE,
        OFFLINE,
        LOGGED_OUT
    }

    /** One of the student's computers in a scenario. */
    static final class Device {
        final String name;
        final Path dir;
        final Path home;
        final String course;
        final java.util.Map<Link, GitRemote> remotes = new java.util.EnumMap<>(Link.class);
        Link link = Link.ONLINE;

        Device(String name, Path base, String course) {
            this.name = name;
            this.dir = base.resolve(name);
            this.home = base.resolve(name + "-home");
            this.course = course;
        }

        GitRemote remote() {
            return remotes.computeIfAbsent(link, current -> switch (current) {
                case ONLINE -> remote(server.url(), studentToken);
                case OFFLINE -> remote(dead, studentToken);
                case LOGGED_OUT -> remote(server.url(), "progy_not-a-valid-token");
            });
        }

        private GitRemote remote(String url, String token) {
            var out = TestOutput.silent();
            return new ServerGitRemote(
                    new HttpApi(url, token, out, TIMEOUT), token, course, new GitCredentialCache(home), out);
        }

        ProgressRepo open() throws IOException {
            return ProgressRepo.open(dir, remote(), TIMEOUT);
        }

        /** What {@code progy init} does: the server's history when it has one, else a first commit of its own. */
        String init() throws IOException {
            try (var repo = ProgressRepo.create(dir, remote(), TIMEOUT)) {
                var start = repo.fetchForInit();
                if (start instanceof ProgressRepo.RemoteStart.History) {
                    repo.checkoutRemote();
                    return "restored";
                }
                new ProgyToml(course, "1.0.0", "0".repeat(64), server.url(), "").write(dir);
                StudentCourses.write(dir.resolve(".gitignore"), "/.progy/\n");
                for (var exercise : EXERCISES) {
                    StudentCourses.write(dir.resolve("content/m/" + exercise + "/answer.txt"), "todo\n");
                }
                repo.commitInitial();
                return start instanceof ProgressRepo.RemoteStart.Empty ? "published " + repo.upload() : "local";
            }
        }
    }

    /** One seeded scenario. */
    record Scenario(int index, Random random) {
        int run() throws Exception {
            var log = new ArrayList<String>();
            try {
                return play(log);
            } catch (Throwable e) {
                throw new AssertionError(
                        "scenario " + index + " (seed " + SEED + ") failed: " + e + "\n  " + String.join("\n  ", log),
                        e);
            }
        }

        private int play(List<String> log) throws Exception {
            var base = Files.createDirectories(work.resolve("s" + index));
            var devices = new ArrayList<Device>();
            int count = random.nextInt(3) == 0 ? 3 : 2;
            for (int i = 0; i < count; i++) {
                var device = new Device("d" + i, base, course(index));
                device.link = random.nextInt(5) == 0 ? Link.OFFLINE : Link.ONLINE;
                log.add(device.name + " init " + device.link + ": " + device.init());
                devices.add(device);
            }
            int steps = 3 + random.nextInt(6);
            for (int step = 0; step < steps; step++) {
                var device = devices.get(random.nextInt(devices.size()));
                log.add(device.name + " " + device.link + " " + act(device, "s" + index + "-" + step));
            }
            for (var device : devices) {
                device.link = Link.ONLINE;
            }
            settle(devices, log);
            return check(devices, base);
        }

        /** One random action of a student on {@code device}. */
        private String act(Device device, String tag) throws IOException {
            int roll = random.nextInt(100);
            if (roll < 30) {
                var file = FILES.get(random.nextInt(FILES.size()));
                if (random.nextInt(6) == 0) {
                    Files.deleteIfExists(device.dir.resolve(file));
                    return "delete " + file;
                }
                StudentCourses.write(device.dir.resolve(file), tag + " on " + device.name + "\n");
                return "edit " + file;
            }
            if (roll < 40) {
                device.link = Link.values()[random.nextInt(Link.values().length)];
                return "now " + device.link;
            }
            try (var repo = device.open()) {
                if (roll < 55) {
                    var exercise = EXERCISES.get(random.nextInt(EXERCISES.size()));
                    StudentCourses.write(
                            device.dir.resolve("content/m/" + exercise + "/answer.txt"), "ok " + tag + "\n");
                    repo.commitPassed(exercise(device, exercise));
                    return "pass " + exercise + ": " + repo.upload();
                }
                if (roll < 70) {
                    return "save: " + repo.save("save " + tag) + " " + repo.upload();
                }
                if (roll < 90 || repo.pendingConflicts().isEmpty()) {
                    return "sync: " + repo.sync();
                }
                var side = random.nextBoolean() ? ProgressRepo.Side.OURS : ProgressRepo.Side.THEIRS;
                return "resolve " + side + ": " + repo.resolve(side);
            }
        }

        /** Every device online, syncing (and resolving) in turn until a whole round changes nothing. */
        private void settle(List<Device> devices, List<String> log) throws IOException {
            for (int round = 0; round < 8; round++) {
                boolean quiet = true;
                for (var device : devices) {
                    try (var repo = device.open()) {
                        SyncResult result;
                        if (!repo.pendingConflicts().isEmpty()) {
                            var resolution = repo.resolve(
                                    random.nextBoolean() ? ProgressRepo.Side.OURS : ProgressRepo.Side.THEIRS);
                            log.add(device.name + " settle " + resolution);
                            result = resolution.sync();
                            quiet = false;
                        } else {
                            result = repo.sync();
                            log.add(device.name + " settle " + result);
                        }
                        assertThat(SyncReport.reason(result))
                                .as("online, %s reaches the server", device.name)
                                .isNull();
                        quiet &= result instanceof SyncResult.UpToDate;
                    }
                }
                if (quiet) {
                    return;
                }
            }
            throw new AssertionError("the devices did not settle in 8 rounds");
        }

        /** Every device agrees with the server, and the server holds every device's committed work. */
        private int check(List<Device> devices, Path base) throws Exception {
            var ledger = new WorkLedger();
            try (var mirror = RemoteMirror.create(base.resolve("server-mirror"))) {
                mirror.fetch(((ServerGitRemote) devices.get(0).remote()).access(false));
                var main = mirror.repository().resolve("refs/heads/main");
                for (var device : devices) {
                    try (var git = Git.open(device.dir.toFile())) {
                        assertThat(git.getRepository().resolve(ProgressRepo.MAIN_REF))
                                .as("%s is where the server is", device.name)
                                .isEqualTo(main);
                        assertThat(git.status().call().isClean())
                                .as("%s has nothing uncommitted", device.name)
                                .isTrue();
                        ledger.record(device.name, git.getRepository());
                    }
                }
                assertThat(ledger.lostFrom(mirror.repository())).as("work lost").isEmpty();
            }
            return ledger.size();
        }

        private static Exercise exercise(Device device, String dir) {
            return StudentCourses.exercise(device.dir, "m", dir);
        }
    }

    static String signup(String username) {
        return new Cli(work.resolve(username + "-home"), server.url()).signup(username, PASSWORD);
    }
}
