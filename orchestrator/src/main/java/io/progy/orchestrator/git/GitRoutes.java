package io.progy.orchestrator.git;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The builtin host's Git smart HTTP routes. A {@code RouterFunction} rather than an annotated controller
 * because the handlers stream request and response bodies themselves.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "progy.git", name = "provider", havingValue = "builtin", matchIfMissing = true)
class GitRoutes {

    static final String REPOSITORY = "/git/{owner}/{repo}";

    @Bean
    RouterFunction<ServerResponse> gitSmartHttp(GitHttpHandler git) {
        return RouterFunctions.route(GET(REPOSITORY + "/info/refs"), git::infoRefs)
                .andRoute(POST(REPOSITORY + "/" + GitHttpHandler.UPLOAD_PACK), git::uploadPack)
                .andRoute(POST(REPOSITORY + "/" + GitHttpHandler.RECEIVE_PACK), git::receivePack);
    }
}
