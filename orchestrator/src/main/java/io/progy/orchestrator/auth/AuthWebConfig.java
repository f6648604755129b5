package io.progy.orchestrator.auth;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/** Registers the {@link Caller} argument resolver with WebFlux. */
@Configuration(proxyBeanMethods = false)
class AuthWebConfig implements WebFluxConfigurer {

    private final CallerArgumentResolver callerResolver;

    AuthWebConfig(CallerArgumentResolver callerResolver) {
        this.callerResolver = callerResolver;
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(callerResolver);
    }
}
