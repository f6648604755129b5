package io.progy.orchestrator.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * In-memory token buckets (Bucket4j), one per policy and key (a client address, a user). A bucket left
 * alone for a whole period is full again, so it is forgotten then: memory stays bounded by the active keys.
 */
@Component
public class RateLimiter {

    /** What is limited, the setting that limits it, and how a refusal names it. */
    public enum Policy {
        LOGIN_PER_IP("login-per-ip", "sign-in attempts", RateLimitProperties::loginPerIp),
        LOGIN_PER_USER("login-per-user", "sign-in attempts for this account", RateLimitProperties::loginPerUser),
        SIGNUP_PER_IP("signup-per-ip", "sign-ups", RateLimitProperties::signupPerIp),
        DEVICE_CODE_PER_IP("device-code-per-ip", "device logins", RateLimitProperties::deviceCodePerIp),
        DEVICE_TOKEN_PER_IP("device-token-per-ip", "device token requests", RateLimitProperties::deviceTokenPerIp),
        DEVICE_VERIFY_PER_USER(
                "device-verify-per-user", "device code attempts", RateLimitProperties::deviceVerifyPerUser),
        PUBLISH_PER_USER("publish-per-user", "publishes", RateLimitProperties::publishPerUser),
        DOWNLOAD_PER_IP("download-per-ip", "downloads", RateLimitProperties::downloadPerIp),
        TELEMETRY_PER_USER("telemetry-per-user", "check event batches", RateLimitProperties::telemetryPerUser);

        private final String setting;
        private final String what;
        private final Function<RateLimitProperties, String> value;

        Policy(String setting, String what, Function<RateLimitProperties, String> value) {
            this.setting = setting;
            this.what = what;
            this.value = value;
        }
    }

    private record Limited(RateLimit limit, Cache<String, Bucket> buckets) {}

    private final boolean enabled;
    private final Map<Policy, Limited> policies = new EnumMap<>(Policy.class);

    RateLimiter(RateLimitProperties properties) {
        this.enabled = properties.enabled();
        for (Policy policy : Policy.values()) {
            RateLimit limit = RateLimit.parse(policy.setting, policy.value.apply(properties));
            Cache<String, Bucket> buckets = Caffeine.newBuilder()
                    .expireAfterAccess(limit.period())
                    .maximumSize(200_000)
                    .build();
            policies.put(policy, new Limited(limit, buckets));
        }
    }

    /**
     * Takes one request from {@code key}'s bucket.
     *
     * @throws RateLimitedException when the bucket is empty, with the seconds until it has a token again
     */
    public void check(Policy policy, String key) {
        if (!enabled) {
            return;
        }
        Limited limited = policies.get(policy);
        Bucket bucket = limited.buckets.get(key.toLowerCase(Locale.ROOT), k -> newBucket(limited.limit));
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new RateLimitedException(policy.what, seconds);
        }
    }

    /** The limit a policy is configured with, as {@code "10/PT1H"}, for start-up logs and tests. */
    public String describe(Policy policy) {
        RateLimit limit = policies.get(policy).limit;
        return limit.capacity() + "/" + limit.period();
    }

    /** The address the request came from (the proxy's, unless forwarded headers are trusted by configuration). */
    public static String clientAddress(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    private static Bucket newBucket(RateLimit limit) {
        return Bucket.builder()
                .addLimit(bandwidth ->
                        bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build();
    }
}
