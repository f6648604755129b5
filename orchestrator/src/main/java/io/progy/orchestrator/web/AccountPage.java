package io.progy.orchestrator.web;

import io.progy.orchestrator.auth.Caller;
import io.progy.orchestrator.auth.IssuedToken;
import io.progy.orchestrator.auth.TokenService;
import io.progy.orchestrator.auth.User;
import io.progy.orchestrator.auth.github.GitHubSignIn;
import io.progy.orchestrator.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code /account}: who you are, your linked GitHub account, and your API tokens (list, create, revoke). */
@Controller
class AccountPage {

    private final Pages pages;
    private final GitHubSignIn github;
    private final TokenService tokens;

    AccountPage(Pages pages, GitHubSignIn github, TokenService tokens) {
        this.pages = pages;
        this.github = github;
        this.tokens = tokens;
    }

    @GetMapping("/account")
    Mono<Rendering> account(ServerWebExchange exchange) {
        return signedIn(exchange, me -> render(exchange, me, null, null, HttpStatus.OK));
    }

    /** Creates a token; its text is shown on the page this once and never again. */
    @PostMapping("/account/tokens")
    Mono<Rendering> create(ServerWebExchange exchange) {
        return form(exchange, (me, form) -> {
            String name = Optional.ofNullable(form.getFirst("name")).orElse("").strip();
            List<String> scopes = form.getOrDefault("scope", List.of()).stream()
                    .filter(Caller.ALL_SCOPES::contains)
                    .distinct()
                    .toList();
            if (name.isEmpty() || name.length() > 100) {
                return render(exchange, me, null, "Name the token (at most 100 characters).", HttpStatus.BAD_REQUEST);
            }
            if (scopes.isEmpty()) {
                return render(exchange, me, null, "Choose at least one scope.", HttpStatus.BAD_REQUEST);
            }
            return Mono.defer(() -> tokens.create(Pages.caller(me), name, scopes, null))
                    .flatMap(issued -> render(exchange, me, issued, null, HttpStatus.OK))
                    .onErrorResume(
                            ApiException.class,
                            e -> render(exchange, me, null, e.getMessage(), HttpStatus.BAD_REQUEST));
        });
    }

    @PostMapping("/account/tokens/{tokenId}/revoke")
    Mono<Rendering> revoke(@PathVariable String tokenId, ServerWebExchange exchange) {
        return form(exchange, (me, form) -> tokens.revoke(Pages.caller(me), tokenId)
                .thenReturn(pages.redirect("/account"))
                .onErrorResume(
                        ApiException.class,
                        e -> render(exchange, me, null, "No such token of yours.", HttpStatus.NOT_FOUND)));
    }

    private Mono<Rendering> signedIn(ServerWebExchange exchange, Function<User, Mono<Rendering>> then) {
        return pages.user(exchange)
                .flatMap(user -> user.isEmpty() ? Mono.just(pages.signIn("/account")) : then.apply(user.get()));
    }

    private Mono<Rendering> form(
            ServerWebExchange exchange, BiFunction<User, MultiValueMap<String, String>, Mono<Rendering>> then) {
        return exchange.getFormData().flatMap(form -> pages.user(exchange).flatMap(user -> {
            if (!pages.validCsrf(exchange, form.getFirst(Pages.CSRF_FIELD))) {
                return Mono.just(pages.csrfFailed(exchange, user));
            }
            return user.isEmpty() ? Mono.just(pages.signIn("/account")) : then.apply(user.get(), form);
        }));
    }

    private Mono<Rendering> render(
            ServerWebExchange exchange, User me, IssuedToken issued, String error, HttpStatus status) {
        return Mono.zip(
                        github.linkedLogin(me.id()).map(Optional::of).defaultIfEmpty(Optional.empty()),
                        tokens.list(Pages.caller(me)))
                .map(t -> {
                    var model = pages.model(exchange, "Your account", Optional.of(me));
                    model.put("username", me.username());
                    model.put("email", me.email());
                    t.getT1().ifPresent(l -> model.put("githubLogin", l));
                    model.put("githubEnabled", github.enabled());
                    var rows = new ArrayList<Map<String, Object>>();
                    for (var token : t.getT2()) {
                        rows.add(Map.of(
                                "publicId",
                                token.publicId(),
                                "name",
                                token.name() == null ? "" : token.name(),
                                "scopes",
                                String.join(", ", token.scopes()),
                                "kind",
                                token.kind().name().toLowerCase(Locale.ROOT),
                                "expires",
                                token.expiresAt() == null
                                        ? "never"
                                        : token.expiresAt().toString().substring(0, 10),
                                "lastUsed",
                                token.lastUsedAt() == null
                                        ? "never"
                                        : token.lastUsedAt().toString().substring(0, 10)));
                    }
                    model.put("tokens", rows);
                    model.put("scopes", Caller.ALL_SCOPES);
                    if (issued != null) {
                        model.put("newToken", issued.token());
                    }
                    if (error != null) {
                        model.put("error", error);
                    }
                    return pages.page("account", model, status);
                });
    }
}
