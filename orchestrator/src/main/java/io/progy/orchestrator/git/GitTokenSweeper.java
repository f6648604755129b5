package io.progy.orchestrator.git;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes expired git credentials every {@code progy.git.token-sweep-interval}, whatever the provider. */
@Component
class GitTokenSweeper {

    private static final Logger log = LoggerFactory.getLogger(GitTokenSweeper.class);

    private final GitProvider provider;

    GitTokenSweeper(GitProvider provider) {
        this.provider = provider;
    }

    @Scheduled(
            initialDelayString = "${progy.git.token-sweep-interval}",
            fixedDelayString = "${progy.git.token-sweep-interval}")
    void sweepExpiredTokens() {
        provider.deleteExpiredTokens()
                .subscribe(
                        count -> log.debug("deleted {} expired git tokens", count),
                        e -> log.warn("could not delete expired git tokens: {}", e.toString()));
    }
}
