package io.progy.orchestrator.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.scheduler.Schedulers;

/**
 * Compaction of a bare repository after pushes: packs are made by JGit's own ReceivePack (pushes over the local
 * transport), one per push, as the builtin host receives them.
 */
class RepositoryHousekeepingTest {

    private static final String OWNER = "ada";
    private static final String NAME = "progy-packs";

    @TempDir
    Path dataDir;

    BareRepositories disk;
    RepositoryHousekeeping housekeeping;
    Git device;
    final List<ObjectId> pushed = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        disk = new BareRepositories(dataDir.resolve("git"));
        housekeeping = new RepositoryHousekeeping(disk, 2, Schedulers.boundedElastic());
        disk.createIfAbsent(OWNER, NAME);
        device = Git.init()
                .setDirectory(dataDir.resolve("device").toFile())
                .setInitialBranch("main")
                .call();
        device.remoteAdd()
                .setName("origin")
                .setUri(new URIish(
                        disk.directory(OWNER, NAME).orElseThrow().toUri().toURL()))
                .call();
    }

    @AfterEach
    void tearDown() {
        device.close();
        disk.destroy();
    }

    @Test
    void fewPacksAreLeftAlone() throws Exception {
        pushCommits(2);
        housekeeping.afterPush(OWNER, NAME);
        assertThat(housekeeping.isCompacting(OWNER, NAME)).isFalse();
        assertThat(disk.packCount(OWNER, NAME)).isEqualTo(2);
    }

    @Test
    void morePacksThanTheLimitAreRepackedOnceNoPushIsInProgress() throws Exception {
        pushCommits(6);
        assertThat(disk.packCount(OWNER, NAME)).isEqualTo(6);

        try (var push = housekeeping.lockForPush(OWNER, NAME)) {
            housekeeping.afterPush(OWNER, NAME);
            assertThat(housekeeping.isCompacting(OWNER, NAME)).isTrue();
            // A second push meanwhile schedules nothing more.
            housekeeping.afterPush(OWNER, NAME);
            Thread.sleep(300);
            assertThat(disk.packCount(OWNER, NAME))
                    .as("no compaction while a push holds the repository")
                    .isEqualTo(6);
        }
        awaitCompaction();

        assertThat(disk.packCount(OWNER, NAME)).isEqualTo(1);
        assertEveryCommitIsReachable();

        // The shared instance the host serves from sees the new pack.
        pushCommits(1);
        assertEveryCommitIsReachable();
    }

    private void pushCommits(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            int n = pushed.size();
            Files.writeString(dataDir.resolve("device/file-" + n + ".txt"), "content " + n + "\n");
            device.add().addFilepattern(".").call();
            RevCommit commit = device.commit()
                    .setMessage("commit " + n)
                    .setAuthor("Student", "s@example.org")
                    .setCommitter("Student", "s@example.org")
                    .call();
            device.push().setRemote("origin").add("main").call();
            pushed.add(commit.getId());
        }
    }

    private void awaitCompaction() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (housekeeping.isCompacting(OWNER, NAME)) {
            assertThat(System.nanoTime()).as("compaction finished in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void assertEveryCommitIsReachable() throws Exception {
        try (Repository repository = disk.open(OWNER, NAME).orElseThrow();
                RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(repository.resolve("refs/heads/main")));
            List<ObjectId> reachable = new ArrayList<>();
            for (RevCommit commit : walk) {
                reachable.add(commit.getId());
                // Every tree and blob of every commit is there too.
                try (var tree = new TreeWalk(repository)) {
                    tree.addTree(commit.getTree());
                    tree.setRecursive(true);
                    while (tree.next()) {
                        assertThat(repository.open(tree.getObjectId(0)).getBytes())
                                .isNotEmpty();
                    }
                }
            }
            assertThat(reachable).containsExactlyInAnyOrderElementsOf(pushed);
        }
    }
}
