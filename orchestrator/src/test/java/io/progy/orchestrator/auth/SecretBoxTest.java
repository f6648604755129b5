package io.progy.orchestrator.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.progy.orchestrator.config.InvalidConfigurationException;
import io.progy.orchestrator.config.ProgyProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    @TempDir
    Path dataDir;

    @Test
    void productionRefusesToStartWithoutAnEncryptionKey() {
        assertThatThrownBy(() -> box(ProgyProperties.Mode.PRODUCTION, ""))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("PROGY_ENCRYPTION_KEY");
        assertThatThrownBy(() -> box(ProgyProperties.Mode.PRODUCTION, "dG9vIHNob3J0"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("32 bytes");
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(box(ProgyProperties.Mode.PRODUCTION, key)
                        .decrypt(box(ProgyProperties.Mode.PRODUCTION, key).encrypt("x")))
                .isEqualTo("x");
    }

    @Test
    void sealsWithAFreshNonceAndDetectsTampering() {
        SecretBox box = box(ProgyProperties.Mode.EMBEDDED, Base64.getEncoder().encodeToString(new byte[32]));
        String first = box.encrypt("gho_secret");
        String second = box.encrypt("gho_secret");
        assertThat(first).isNotEqualTo(second).doesNotContain("gho_secret");
        assertThat(box.decrypt(first)).isEqualTo("gho_secret");
        byte[] bytes = Base64.getDecoder().decode(first);
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> box.decrypt(Base64.getEncoder().encodeToString(bytes)))
                .isInstanceOf(IllegalStateException.class);
        SecretBox other = box(ProgyProperties.Mode.EMBEDDED, Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32
        }));
        assertThatThrownBy(() -> other.decrypt(first)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void embeddedModeGeneratesAKeyOnceIntoTheDataDirReadableByItsOwnerOnly() throws Exception {
        String sealed = box(ProgyProperties.Mode.EMBEDDED, "").encrypt("kept across restarts");
        Path keyFile = dataDir.resolve("secrets/encryption.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(box(ProgyProperties.Mode.EMBEDDED, "").decrypt(sealed)).isEqualTo("kept across restarts");
    }

    private SecretBox box(ProgyProperties.Mode mode, String key) {
        var progy = new ProgyProperties(mode, dataDir, "", ProgyProperties.StorageKind.LOCAL, null, null, false, null);
        var auth = new AuthProperties(null, null, null, null, Duration.ofDays(1), null, key, null);
        return new SecretBox(auth, progy);
    }
}
