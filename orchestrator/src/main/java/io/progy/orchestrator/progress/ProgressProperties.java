package io.progy.orchestrator.progress;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Telemetry limits, bound from {@code progy.progress.*}; defaults in {@code application.yml}.
 *
 * @param maxBatchEvents the most events one {@code POST /v1/telemetry/events} may carry
 * @param maxClockSkew how far in the future (by the server's clock) an event may say it happened
 * @param maxEventAge how long ago an event may have happened (a CLI offline for longer loses older checks)
 */
@ConfigurationProperties("progy.progress")
public record ProgressProperties(int maxBatchEvents, Duration maxClockSkew, Duration maxEventAge) {}
