package io.progy.orchestrator.auth;

import io.progy.orchestrator.auth.device.DeviceAuthorizationService;
import io.progy.orchestrator.auth.github.GitHubSignIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Deletes long-expired device codes, browser sessions and OAuth states, hourly. */
@Component
class IdentitySweeper {

    private static final Logger log = LoggerFactory.getLogger(IdentitySweeper.class);

    private final DeviceAuthorizationService devices;
    private final WebSessionService sessions;
    private final GitHubSignIn github;

    IdentitySweeper(DeviceAuthorizationService devices, WebSessionService sessions, GitHubSignIn github) {
        this.devices = devices;
        this.sessions = sessions;
        this.github = github;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    void sweep() {
        Flux.concat(devices.sweep(), sessions.sweep(), github.sweep())
                .reduce(0L, Long::sum)
                .subscribe(
                        count -> log.debug("swept {} expired device codes, sessions and OAuth states", count),
                        e -> log.warn("sweeping expired identity rows failed: {}", e.toString()));
    }
}
