package io.progy.orchestrator.git.github;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.kohsuke.github.authorization.AuthorizationProvider;

/**
 * The JSON Web Token a GitHub App authenticates as (RS256, issued by the App's id, valid for nine minutes of GitHub's
 * ten), renewed a minute before it expires. Built here with the JDK's own RSA signature rather than a JWT library.
 */
final class GitHubAppJwt implements AuthorizationProvider {

    private static final Duration LIFETIME = Duration.ofMinutes(9);
    /** GitHub's documented allowance for clock drift: issue the token a little in the past. */
    private static final Duration BACKDATE = Duration.ofSeconds(60);

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String appId;
    private final PrivateKey key;
    private final Clock clock;
    private String jwt;
    private Instant renewAfter = Instant.MIN;

    GitHubAppJwt(String appId, PrivateKey key, Clock clock) {
        this.appId = appId;
        this.key = key;
        this.clock = clock;
    }

    @Override
    public synchronized String getEncodedAuthorization() {
        Instant now = clock.instant();
        if (jwt == null || now.isAfter(renewAfter)) {
            jwt = sign(now);
            renewAfter = now.plus(LIFETIME).minus(Duration.ofMinutes(1));
        }
        return "Bearer " + jwt;
    }

    private String sign(Instant now) {
        String issuer = appId.chars().allMatch(Character::isDigit) ? appId : "\"" + appId + "\"";
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = "{\"iat\":" + now.minus(BACKDATE).getEpochSecond() + ",\"exp\":"
                + now.plus(LIFETIME).getEpochSecond() + ",\"iss\":" + issuer + "}";
        String signingInput = encode(header) + "." + encode(payload);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the GitHub App token", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads an RSA private key in PEM: PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY},
     * what GitHub hands out for Apps).
     */
    static PrivateKey readPrivateKey(String pem) throws GeneralSecurityException {
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        if (!pkcs1 && !pem.contains("BEGIN PRIVATE KEY")) {
            throw new GeneralSecurityException(
                    "not a PEM RSA private key (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs1ToPkcs8(der) : der));
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo: version 0, algorithm rsaEncryption, the key. */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] algorithm = {
            0x30,
            0x0d,
            0x06,
            0x09,
            0x2a,
            (byte) 0x86,
            0x48,
            (byte) 0x86,
            (byte) 0xf7,
            0x0d,
            0x01,
            0x01,
            0x01,
            0x05,
            0x00
        };
        byte[] key = tlv(0x04, pkcs1);
        var body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(algorithm);
        body.writeBytes(key);
        return tlv(0x30, body.toByteArray());
    }

    /** A DER tag-length-value with a definite length. */
    private static byte[] tlv(int tag, byte[] value) {
        var out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
