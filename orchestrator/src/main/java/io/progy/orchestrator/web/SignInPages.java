package io.progy.orchestrator.web;

import io.progy.orchestrator.auth.AccountService;
import io.progy.orchestrator.auth.WebSessionService;
import io.progy.orchestrator.auth.github.GitHubSignIn;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.ProblemCode;
import io.progy.orchestrator.ratelimit.RateLimitedException;
import io.progy.orchestrator.ratelimit.RateLimiter;
import io.progy.orchestrator.ratelimit.RateLimiter.Policy;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code /login} (username and password, or GitHub) and {@code /logout}. */
@Controller
class SignInPages {

    private final Pages pages;
    private final AccountService accounts;
    private final WebSessionService sessions;
    private final GitHubSignIn github;
    private final RateLimiter rateLimiter;

    SignInPages(
            Pages pages,
            AccountService accounts,
            WebSessionService sessions,
            GitHubSignIn github,
            RateLimiter rateLimiter) {
        this.pages = pages;
        this.accounts = accounts;
        this.sessions = sessions;
        this.github = github;
        this.rateLimiter = rateLimiter;
    }

    @GetMapping("/login")
    Mono<Rendering> loginForm(@RequestParam(required = false) String next, ServerWebExchange exchange) {
        return pages.user(exchange)
                .map(user -> user.isPresent()
                        ? pages.redirect(Pages.safeNext(next))
                        : loginPage(exchange, next, null, null, HttpStatus.OK));
    }

    @PostMapping("/login")
    Mono<Rendering> login(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            String next = Pages.safeNext(form.getFirst("next"));
            String username =
                    Optional.ofNullable(form.getFirst("username")).orElse("").trim();
            String password = Optional.ofNullable(form.getFirst("password")).orElse("");
            if (!pages.validCsrf(exchange, form.getFirst(Pages.CSRF_FIELD))) {
                return Mono.just(pages.csrfFailed(exchange, Optional.empty()));
            }
            if (username.isEmpty() || password.isEmpty()) {
                return Mono.just(loginPage(
                        exchange, next, username, "Enter your username and password.", HttpStatus.BAD_REQUEST));
            }
            try {
                rateLimiter.check(Policy.LOGIN_PER_IP, RateLimiter.clientAddress(exchange.getRequest()));
                rateLimiter.check(Policy.LOGIN_PER_USER, username);
            } catch (RateLimitedException e) {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
                return Mono.just(loginPage(
                        exchange,
                        next,
                        username,
                        "Too many sign-in attempts. Try again in " + e.retryAfterSeconds() + " seconds.",
                        HttpStatus.TOO_MANY_REQUESTS));
            }
            return accounts.checkPassword(username, password)
                    .flatMap(user -> sessions.create(user.id()).map(session -> {
                        pages.startSession(exchange, session);
                        return pages.redirect(next);
                    }))
                    .onErrorResume(
                            e -> e instanceof ApiException api && api.code() == ProblemCode.UNAUTHORIZED,
                            e -> Mono.just(loginPage(
                                    exchange,
                                    next,
                                    username,
                                    "Invalid username or password.",
                                    HttpStatus.UNAUTHORIZED)));
        });
    }

    @PostMapping("/logout")
    Mono<Rendering> logout(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            if (!pages.validCsrf(exchange, form.getFirst(Pages.CSRF_FIELD))) {
                return pages.user(exchange).map(user -> pages.csrfFailed(exchange, user));
            }
            String session = Pages.cookieValue(exchange, Pages.SESSION_COOKIE).orElse(null);
            pages.clearCookie(exchange, Pages.SESSION_COOKIE);
            return sessions.revoke(session).thenReturn(pages.redirect("/login"));
        });
    }

    private Rendering loginPage(
            ServerWebExchange exchange, String next, String username, String error, HttpStatus status) {
        var model = pages.model(exchange, "Sign in", Optional.empty());
        model.put("next", Pages.safeNext(next));
        model.put(
                "nextQuery", java.net.URLEncoder.encode(Pages.safeNext(next), java.nio.charset.StandardCharsets.UTF_8));
        model.put("username", username == null ? "" : username);
        model.put("githubEnabled", github.enabled());
        if (error != null) {
            model.put("error", error);
        }
        return pages.page("login", model, status);
    }
}
