package io.progy.orchestrator.auth;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Supplies {@link Caller} handler parameters from the {@code Authorization: Bearer progy_...} header;
 * a missing or bad token answers 401 UNAUTHORIZED before the handler runs.
 */
@Component
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    private final AccountService accounts;

    CallerArgumentResolver(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Caller.class);
    }

    @Override
    public Mono<Object> resolveArgument(
            MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return accounts.authenticate(header).cast(Object.class);
    }
}
