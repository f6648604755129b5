package io.progy.orchestrator.ratelimit;

import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.ProblemCode;

/** 429 RATE_LIMITED; the error handler sends {@link #retryAfterSeconds()} as {@code Retry-After}. */
public class RateLimitedException extends ApiException {

    private final long retryAfterSeconds;

    public RateLimitedException(String what, long retryAfterSeconds) {
        super(ProblemCode.RATE_LIMITED, "too many " + what + "; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
