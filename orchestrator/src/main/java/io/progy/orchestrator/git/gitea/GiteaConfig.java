package io.progy.orchestrator.git.gitea;

import io.progy.orchestrator.git.GitProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connects to Gitea at start-up when {@code PROGY_GIT_PROVIDER=gitea}; a bad setting stops the server there. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "progy.git", name = "provider", havingValue = "gitea")
class GiteaConfig {

    @Bean
    GiteaHost giteaHost(GitProperties properties) {
        return GiteaHost.connect(properties.gitea());
    }
}
