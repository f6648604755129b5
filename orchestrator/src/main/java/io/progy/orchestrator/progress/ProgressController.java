package io.progy.orchestrator.progress;

import com.fasterxml.jackson.databind.JsonNode;
import io.progy.orchestrator.auth.Caller;
import io.progy.orchestrator.progress.ProgressApi.CourseProgress;
import io.progy.orchestrator.progress.ProgressApi.CourseStats;
import io.progy.orchestrator.progress.ProgressApi.TelemetryResult;
import io.progy.orchestrator.ratelimit.RateLimiter;
import io.progy.orchestrator.ratelimit.RateLimiter.Policy;
import io.progy.orchestrator.registry.CourseCatalog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /v1/telemetry/events}, {@code /v1/progress/*} and {@code /v1/instructor/courses/*}. */
@RestController
class ProgressController {

    private final TelemetryService telemetry;
    private final ProgressService progress;
    private final RateLimiter rateLimiter;

    ProgressController(TelemetryService telemetry, ProgressService progress, RateLimiter rateLimiter) {
        this.telemetry = telemetry;
        this.progress = progress;
        this.rateLimiter = rateLimiter;
    }

    /**
     * A batch of the caller's check events; the body is read strictly by {@link TelemetryBatch}. Limited per
     * user ({@code progy.rate-limits.telemetry-per-user}): the events land in the database.
     */
    @PostMapping("/v1/telemetry/events")
    Mono<TelemetryResult> events(Caller caller, @RequestBody(required = false) JsonNode body) {
        return Mono.defer(() -> {
            rateLimiter.check(Policy.TELEMETRY_PER_USER, Long.toString(caller.userId()));
            return telemetry.record(caller, body);
        });
    }

    @GetMapping("/v1/progress/{scope}/{slug}")
    Mono<CourseProgress> progress(Caller caller, @PathVariable String scope, @PathVariable String slug) {
        return Mono.defer(() -> progress.progress(caller, CourseCatalog.nameFromPath(scope, slug)));
    }

    @GetMapping("/v1/instructor/courses/{scope}/{slug}/stats")
    Mono<CourseStats> stats(Caller caller, @PathVariable String scope, @PathVariable String slug) {
        return Mono.defer(() -> progress.stats(caller, CourseCatalog.nameFromPath(scope, slug)));
    }
}
