package io.progy.orchestrator.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builtin host's repositories on disk, and the cache of open ones. */
class BareRepositoriesTest {

    @TempDir
    Path dataDir;

    BareRepositories repositories;

    @BeforeEach
    void setUp() {
        repositories = new BareRepositories(dataDir.resolve("git"));
    }

    /** Closes what the JVM-wide cache holds of this test's data dir, as the server does when it stops. */
    @AfterEach
    void closeCached() {
        repositories.destroy();
    }

    @Test
    void concurrentCreatesMakeOneRepositoryAndLeaveNothingElse() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        var start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return repositories.createIfAbsent("ada", "progy-progy-java-intro");
            }));
        }
        start.countDown();
        int created = 0;
        for (Future<Boolean> result : results) {
            created += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(created).isEqualTo(1);
        try (var entries = Files.list(dataDir.resolve("git/ada"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("progy-progy-java-intro.git");
        }
        assertThat(dataDir.resolve("git/ada/progy-progy-java-intro.git/HEAD")).hasContent("ref: refs/heads/main");
        try (var repository = repositories.open("ada", "progy-progy-java-intro").orElseThrow()) {
            assertThat(repository.isBare()).isTrue();
            assertThat(repository.getConfig().getBoolean("receive", "denyNonFastForwards", false))
                    .isTrue();
        }
        assertThat(repositories.createIfAbsent("ada", "progy-progy-java-intro")).isFalse();
    }

    @Test
    void openSharesOneInstanceThatStaysUsableAfterEachClose() throws Exception {
        repositories.createIfAbsent("ada", "progy-shared");
        Repository first;
        try (Repository repository = repositories.open("ada", "progy-shared").orElseThrow()) {
            first = repository;
            assertThat(repository.getFullBranch()).isEqualTo("refs/heads/main");
        }
        try (Repository again = repositories.open("ada", "progy-shared").orElseThrow()) {
            assertThat(again).isSameAs(first);
            // Still open after the first use was released: it can write and read objects.
            ObjectId blob;
            try (ObjectInserter inserter = again.newObjectInserter()) {
                blob = inserter.insert(Constants.OBJ_BLOB, "hello\n".getBytes(StandardCharsets.UTF_8));
                inserter.flush();
            }
            assertThat(again.open(blob).getBytes())
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo("hello\n");
        }
        repositories.destroy();
        try (Repository afterStop = repositories.open("ada", "progy-shared").orElseThrow()) {
            assertThat(afterStop).isNotSameAs(first);
            assertThat(afterStop.getFullBranch()).isEqualTo("refs/heads/main");
        }
    }

    @Test
    void aRepositoryCreatedAfterAMissingOpenIsFound() throws Exception {
        assertThat(repositories.open("ada", "progy-later")).isEmpty();
        assertThat(repositories.createIfAbsent("ada", "progy-later")).isTrue();
        try (Repository repository = repositories.open("ada", "progy-later").orElseThrow()) {
            assertThat(repository.isBare()).isTrue();
            assertThat(repository.getDirectory().toPath()).isEqualTo(dataDir.resolve("git/ada/progy-later.git"));
        }
    }

    @Test
    void aRepositoryDeletedAndMadeAgainIsNotServedFromTheCache() throws Exception {
        repositories.createIfAbsent("ada", "progy-again");
        Repository old;
        try (Repository repository = repositories.open("ada", "progy-again").orElseThrow()) {
            old = repository;
        }
        FileUtils.delete(dataDir.resolve("git/ada/progy-again.git").toFile(), FileUtils.RECURSIVE);
        assertThat(repositories.open("ada", "progy-again")).isEmpty();
        repositories.createIfAbsent("ada", "progy-again");
        try (Repository repository = repositories.open("ada", "progy-again").orElseThrow()) {
            assertThat(repository).isNotSameAs(old);
        }
    }

    @Test
    void namesThatAreNotRepositoriesNeverBecomePaths() {
        assertThat(repositories.directory("..", "progy-x")).isEmpty();
        assertThat(repositories.directory("ada", "../../etc")).isEmpty();
        assertThat(repositories.directory("ada", "other")).isEmpty();
        assertThat(repositories.directory("Ada", "progy-x")).isEmpty();
        assertThat(repositories.exists("ada", "progy-missing")).isFalse();
        assertThat(repositories.directory("ada", "progy-x")).hasValue(dataDir.resolve("git/ada/progy-x.git"));
    }
}
