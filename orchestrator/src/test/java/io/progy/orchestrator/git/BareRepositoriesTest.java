package io.progy.orchestrator.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BareRepositoriesTest {

    @TempDir
    Path dataDir;

    BareRepositories repositories() {
        return new BareRepositories(dataDir.resolve("git"));
    }

    @Test
    void concurrentCreatesMakeOneRepositoryAndLeaveNothingElse() throws Exception {
        BareRepositories repositories = repositories();
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
    void namesThatAreNotRepositoriesNeverBecomePaths() {
        BareRepositories repositories = repositories();
        assertThat(repositories.directory("..", "progy-x")).isEmpty();
        assertThat(repositories.directory("ada", "../../etc")).isEmpty();
        assertThat(repositories.directory("ada", "other")).isEmpty();
        assertThat(repositories.directory("Ada", "progy-x")).isEmpty();
        assertThat(repositories.exists("ada", "progy-missing")).isFalse();
        assertThat(repositories.directory("ada", "progy-x")).hasValue(dataDir.resolve("git/ada/progy-x.git"));
    }
}
