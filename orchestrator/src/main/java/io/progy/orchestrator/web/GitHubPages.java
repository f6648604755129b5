package io.progy.orchestrator.web;

import io.progy.orchestrator.auth.User;
import io.progy.orchestrator.auth.WebSessionService;
import io.progy.orchestrator.auth.github.GitHubSignIn;
import io.progy.orchestrator.auth.github.GitHubSignIn.Outcome;
import io.progy.orchestrator.auth.github.GitHubSignIn.SignInFailed;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.ProblemCode;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /auth/github}: off to GitHub; {@code /auth/github/callback}: back from it; {@code /auth/github/link}:
 * confirm linking the GitHub identity to the existing account with the same verified email.
 */
@Controller
class GitHubPages {

    static final String STATE_COOKIE = "progy_github_state";
    static final String LINK_COOKIE = "progy_github_link";
    private static final Duration COOKIE_TTL = Duration.ofMinutes(10);

    private final Pages pages;
    private final GitHubSignIn github;
    private final WebSessionService sessions;

    GitHubPages(Pages pages, GitHubSignIn github, WebSessionService sessions) {
        this.pages = pages;
        this.github = github;
        this.sessions = sessions;
    }

    @GetMapping("/auth/github")
    Mono<Rendering> start(@RequestParam(required = false) String next, ServerWebExchange exchange) {
        if (!github.enabled()) {
            return pages.user(exchange)
                    .map(user -> message(
                            exchange,
                            user,
                            "GitHub sign-in is off",
                            "GitHub sign-in is not configured on this server (its administrator sets"
                                    + " PROGY_GITHUB_CLIENT_ID and PROGY_GITHUB_CLIENT_SECRET). Sign in with your username"
                                    + " and password instead.",
                            HttpStatus.NOT_FOUND));
        }
        return github.start(callbackUrl(exchange), Pages.safeNext(next)).map(authorization -> {
            pages.setCookie(exchange, STATE_COOKIE, authorization.state(), COOKIE_TTL);
            return Rendering.redirectTo(authorization.redirectUrl()).build();
        });
    }

    @GetMapping("/auth/github/callback")
    Mono<Rendering> callback(
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String error,
            ServerWebExchange exchange) {
        String browserState = Pages.cookieValue(exchange, STATE_COOKIE).orElse(null);
        pages.clearCookie(exchange, STATE_COOKIE);
        return pages.user(exchange).flatMap(user -> {
            if (error != null) {
                return Mono.just(message(
                        exchange,
                        user,
                        "GitHub sign-in cancelled",
                        "GitHub did not sign you in (" + error + "). You can try again or use your password.",
                        HttpStatus.BAD_REQUEST));
            }
            return github.complete(state, browserState, code, callbackUrl(exchange), user)
                    .flatMap(outcome -> {
                        if (outcome instanceof Outcome.ConfirmLink link) {
                            pages.setCookie(exchange, LINK_COOKIE, link.linkKey(), COOKIE_TTL);
                            return Mono.just(pages.redirect("/auth/github/link"));
                        }
                        return signIn(exchange, (Outcome.SignedIn) outcome);
                    })
                    .onErrorResume(
                            SignInFailed.class,
                            e -> Mono.just(message(
                                    exchange, user, "GitHub sign-in failed", e.getMessage(), HttpStatus.BAD_REQUEST)));
        });
    }

    @GetMapping("/auth/github/link")
    Mono<Rendering> linkForm(ServerWebExchange exchange) {
        return pages.user(exchange).flatMap(user -> linkPage(exchange, user, null, HttpStatus.OK));
    }

    @PostMapping("/auth/github/link")
    Mono<Rendering> link(ServerWebExchange exchange) {
        String linkKey = Pages.cookieValue(exchange, LINK_COOKIE).orElse(null);
        return Mono.zip(exchange.getFormData(), pages.user(exchange)).flatMap(both -> {
            var form = both.getT1();
            Optional<User> user = both.getT2();
            if (!pages.validCsrf(exchange, form.getFirst(Pages.CSRF_FIELD))) {
                return Mono.just(pages.csrfFailed(exchange, user));
            }
            if ("cancel".equals(form.getFirst("action"))) {
                pages.clearCookie(exchange, LINK_COOKIE);
                return github.cancelLink(linkKey)
                        .onErrorResume(SignInFailed.class, e -> Mono.empty())
                        .thenReturn(message(
                                exchange,
                                user,
                                "Not linked",
                                "Your GitHub account was not linked, and you were not signed in.",
                                HttpStatus.OK));
            }
            return github.confirmLink(linkKey, user, form.getFirst("password"))
                    .flatMap(signedIn -> {
                        pages.clearCookie(exchange, LINK_COOKIE);
                        return signIn(exchange, signedIn);
                    })
                    .onErrorResume(
                            e -> e instanceof ApiException api && api.code() == ProblemCode.UNAUTHORIZED,
                            e -> linkPage(exchange, user, "That password is not right.", HttpStatus.UNAUTHORIZED))
                    .onErrorResume(
                            SignInFailed.class,
                            e -> Mono.just(message(
                                    exchange, user, "GitHub sign-in failed", e.getMessage(), HttpStatus.BAD_REQUEST)));
        });
    }

    private Mono<Rendering> linkPage(ServerWebExchange exchange, Optional<User> user, String error, HttpStatus status) {
        String linkKey = Pages.cookieValue(exchange, LINK_COOKIE).orElse(null);
        return github.proposal(linkKey)
                .map(proposal -> {
                    var model = pages.model(exchange, "Link your GitHub account", user);
                    model.put("username", proposal.username());
                    model.put("email", proposal.email());
                    model.put("githubLogin", proposal.githubLogin());
                    boolean signedInAsOwner =
                            user.isPresent() && user.get().username().equals(proposal.username());
                    model.put("askPassword", !signedInAsOwner && proposal.hasPassword());
                    model.put("canLink", signedInAsOwner || proposal.hasPassword());
                    if (error != null) {
                        model.put("error", error);
                    }
                    return pages.page("github-link", model, status);
                })
                .onErrorResume(
                        SignInFailed.class,
                        e -> Mono.just(
                                message(exchange, user, "Nothing to link", e.getMessage(), HttpStatus.NOT_FOUND)));
    }

    private Mono<Rendering> signIn(ServerWebExchange exchange, Outcome.SignedIn signedIn) {
        return sessions.create(signedIn.user().id()).map(session -> {
            pages.startSession(exchange, session);
            return pages.redirect(Pages.safeNext(signedIn.next()));
        });
    }

    private Rendering message(
            ServerWebExchange exchange, Optional<User> user, String title, String message, HttpStatus status) {
        var model = pages.model(exchange, title, user);
        model.put("message", message);
        model.put("showSignIn", user.isEmpty());
        return pages.page("message", model, status);
    }

    /** GitHub sends the browser back here; it must match the OAuth app's callback URL. */
    private static String callbackUrl(ServerWebExchange exchange) {
        URI uri = exchange.getRequest().getURI();
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/auth/github/callback";
    }
}
