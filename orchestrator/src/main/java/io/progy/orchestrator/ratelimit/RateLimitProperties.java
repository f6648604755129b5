package io.progy.orchestrator.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rate limits, bound from {@code progy.rate-limits.*}; each is {@code "<requests>/<period>"} such as
 * {@code 10/1h} (periods as Spring durations: {@code 30s}, {@code 10m}, {@code 1h}, {@code 1d}). Defaults in
 * {@code application.yml}, listed in the README.
 *
 * @param enabled false switches every limit off (benchmarks)
 * @param loginPerIp sign-in attempts (password grant, web form) per client address
 * @param loginPerUser sign-in attempts per username, whatever the address
 * @param signupPerIp accounts created per client address
 * @param deviceCodePerIp device authorizations started per client address
 * @param deviceTokenPerIp device-token polls per client address (each device code is also held to its interval)
 * @param deviceVerifyPerUser user codes looked up on the {@code /device} page per signed-in user
 * @param publishPerUser publishes per user
 * @param downloadPerIp artifact downloads per client address
 * @param telemetryPerUser batches of check events ({@code POST /v1/telemetry/events}) per user
 */
@ConfigurationProperties("progy.rate-limits")
public record RateLimitProperties(
        boolean enabled,
        String loginPerIp,
        String loginPerUser,
        String signupPerIp,
        String deviceCodePerIp,
        String deviceTokenPerIp,
        String deviceVerifyPerUser,
        String publishPerUser,
        String downloadPerIp,
        String telemetryPerUser) {}
