package io.progy.orchestrator.ratelimit;

import io.progy.orchestrator.config.InvalidConfigurationException;
import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;

/** {@code capacity} requests per {@code period}, refilled evenly over the period. */
record RateLimit(long capacity, Duration period) {

    /** Parses {@code "10/1h"}; names {@code setting} in the error. */
    static RateLimit parse(String setting, String text) {
        String value = text == null ? "" : text.trim();
        int slash = value.indexOf('/');
        try {
            if (slash <= 0) {
                throw new IllegalArgumentException("no '/'");
            }
            long capacity = Long.parseLong(value.substring(0, slash).trim());
            Duration period =
                    DurationStyle.detectAndParse(value.substring(slash + 1).trim());
            if (capacity < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("must be positive");
            }
            return new RateLimit(capacity, period);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    "progy.rate-limits." + setting + " is '" + value + "', not <requests>/<period>.",
                    "Write it like 10/1h, 30/10m or 5/30s.");
        }
    }
}
