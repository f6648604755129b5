package io.progy.cli.progress;

import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.progy.cli.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCredentialCacheTest {
    static final String SERVER = "http://127.0.0.1:8080";
    static final String URL = SERVER + "/git/ana/progy-progy-java-intro.git";

    @TempDir
    Path home;

    GitAccess access(String token, Duration valid) {
        return new GitAccess(URL, "ana", token, Instant.now().plus(valid));
    }

    @Test
    void credentialsAreKeptForTheirServerCourseAndLoginUntilShortlyBeforeTheyExpire() throws Exception {
        var cache = new GitCredentialCache(home);
        cache.put(SERVER, "@progy/java-intro", "progy_api", access("pgit_one", Duration.ofHours(1)));
        cache.put(SERVER, "@progy/other", "progy_api", access("pgit_soon", Duration.ofSeconds(30)));

        assertThat(cache.find(SERVER, "@progy/java-intro", "progy_api"))
                .map(GitAccess::token)
                .hasValue("pgit_one");
        assertThat(cache.find(SERVER, "@progy/other", "progy_api"))
                .as("expires within the margin")
                .isEmpty();
        assertThat(cache.find("http://other:8080", "@progy/java-intro", "progy_api"))
                .isEmpty();
        assertThat(cache.find(SERVER, "@progy/java-intro", "progy_another-login"))
                .isEmpty();
        assertThat(Files.getPosixFilePermissions(cache.file())).containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE);
        assertThat(Files.readString(cache.file())).doesNotContain("progy_api");
    }

    @Test
    void expiredEntriesAreDroppedAndADamagedFileIsEmpty() throws Exception {
        var cache = new GitCredentialCache(home);
        cache.put(SERVER, "@a/old", "t", access("pgit_old", Duration.ofSeconds(-5)));
        cache.put(SERVER, "@a/new", "t", access("pgit_new", Duration.ofHours(1)));
        assertThat(Files.readString(cache.file())).doesNotContain("pgit_old").contains("pgit_new");

        Files.writeString(cache.file(), "{not json");
        assertThat(cache.find(SERVER, "@a/new", "t")).isEmpty();
        cache.put(SERVER, "@a/new", "t", access("pgit_again", Duration.ofHours(1)));
        assertThat(cache.find(SERVER, "@a/new", "t")).map(GitAccess::token).hasValue("pgit_again");
        cache.clear();
        assertThat(cache.file()).doesNotExist();
    }

    @Test
    void aRepositoryUrlWithCredentialsOrOfAnotherKindIsRefused() {
        for (var url : new String[] {
            "http://ana:secret@127.0.0.1/git/a.git", "file:///tmp/repo.git", "ssh://host/repo", "http://h/r?x=1", ""
        }) {
            assertThatThrownBy(() -> new GitAccess(url, "ana", "pgit_x", Instant.now()))
                    .as(url)
                    .isInstanceOf(CliException.class)
                    .hasMessageContaining("unusable repository URL");
        }
        assertThat(access("pgit_secret", Duration.ofHours(1)).toString()).doesNotContain("pgit_secret");
    }
}
