package io.progy.orchestrator.git.github;

import io.progy.orchestrator.git.GitProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connects to GitHub at start-up when {@code PROGY_GIT_PROVIDER=github}; a bad setting stops the server there. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "progy.git", name = "provider", havingValue = "github")
class GitHubConfig {

    @Bean
    GitHubHost gitHubHost(GitProperties properties) {
        return GitHubHost.connect(properties.github());
    }
}
