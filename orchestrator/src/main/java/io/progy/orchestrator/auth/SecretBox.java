package io.progy.orchestrator.auth;

import io.progy.orchestrator.config.InvalidConfigurationException;
import io.progy.orchestrator.config.ProgyProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets kept at rest (GitHub access tokens) with AES-256-GCM: a fresh 12-byte nonce per value,
 * stored as {@code base64(nonce || ciphertext+tag)}. The key is {@code progy.auth.encryption-key}; production
 * mode refuses to start without one, other modes generate one once into the data dir (mode 0600).
 */
@Component
public class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;

    SecretBox(AuthProperties auth, ProgyProperties progy) {
        this.key = new SecretKeySpec(loadKey(auth.encryptionKey(), progy), "AES");
    }

    /** A key for another purpose (e.g. signing CSRF tokens), derived from this one: HMAC-SHA256(key, purpose). */
    public byte[] deriveKey(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    public String encrypt(String plaintext) {
        byte[] nonce = TokenService.randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws IllegalStateException when the value was not sealed with this key or was altered */
    public String decrypt(String sealed) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        if (bytes.length <= NONCE_BYTES) {
            throw new IllegalStateException("sealed value is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt: wrong key or altered value", e);
        }
    }

    static byte[] loadKey(String configured, ProgyProperties progy) {
        if (configured != null && !configured.isBlank()) {
            return decodeKey(configured.trim(), "PROGY_ENCRYPTION_KEY");
        }
        if (progy.mode() == ProgyProperties.Mode.PRODUCTION) {
            throw new InvalidConfigurationException(
                    "PROGY_MODE=production needs PROGY_ENCRYPTION_KEY (GitHub tokens are encrypted at rest with it).",
                    "Set PROGY_ENCRYPTION_KEY to 32 random bytes in base64, e.g. the output of: openssl rand -base64 32");
        }
        return generatedKey(progy.dataDir().resolve("secrets").resolve("encryption.key"));
    }

    private static byte[] decodeKey(String text, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != 32) {
            throw new InvalidConfigurationException(
                    source + " must be 32 bytes in base64 (44 characters).",
                    "Generate one with: openssl rand -base64 32");
        }
        return key;
    }

    /** The key in {@code file}, created with a random key (owner-only) the first time. */
    private static byte[] generatedKey(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                String key = Base64.getEncoder().encodeToString(TokenService.randomBytes(32));
                Path temp = Files.createTempFile(file.getParent(), ".key-", ".tmp");
                try {
                    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                    }
                    Files.writeString(temp, key + "\n");
                    Files.move(temp, file);
                } catch (FileAlreadyExistsException raced) {
                    // another server on the same data dir wrote it first: use theirs
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            return decodeKey(Files.readString(file).trim(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the encryption key " + file, e);
        }
    }
}
