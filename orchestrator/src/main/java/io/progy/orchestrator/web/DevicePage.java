package io.progy.orchestrator.web;

import io.progy.orchestrator.auth.User;
import io.progy.orchestrator.auth.device.DeviceAuthorizationService;
import io.progy.orchestrator.auth.device.DeviceAuthorizationService.Pending;
import io.progy.orchestrator.ratelimit.RateLimitedException;
import io.progy.orchestrator.ratelimit.RateLimiter;
import io.progy.orchestrator.ratelimit.RateLimiter.Policy;
import java.util.List;
import java.util.Map;
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

/**
 * {@code /device}: the signed-in person types (or follows a link with) the code their terminal shows, sees
 * which client asks for which scopes, and approves or denies it. Plain forms: no JavaScript needed.
 */
@Controller
class DevicePage {

    private static final Map<String, String> SCOPE_MEANINGS = Map.of(
            "read", "see your account and tokens",
            "publish", "publish and yank courses under your name",
            "progress", "record your course progress and create your course repositories",
            "git", "get credentials to push to your course repositories");

    private final Pages pages;
    private final DeviceAuthorizationService devices;
    private final RateLimiter rateLimiter;

    DevicePage(Pages pages, DeviceAuthorizationService devices, RateLimiter rateLimiter) {
        this.pages = pages;
        this.devices = devices;
        this.rateLimiter = rateLimiter;
    }

    @GetMapping("/device")
    Mono<Rendering> show(
            @RequestParam(name = "user_code", required = false) String userCode, ServerWebExchange exchange) {
        return pages.user(exchange).flatMap(user -> {
            if (user.isEmpty()) {
                String back = userCode == null
                        ? "/device"
                        : "/device?user_code="
                                + java.net.URLEncoder.encode(userCode, java.nio.charset.StandardCharsets.UTF_8);
                return Mono.just(pages.signIn(back));
            }
            if (userCode == null || userCode.isBlank()) {
                return Mono.just(enterCode(exchange, user, null, HttpStatus.OK));
            }
            try {
                rateLimiter.check(
                        Policy.DEVICE_VERIFY_PER_USER, Long.toString(user.get().id()));
            } catch (RateLimitedException e) {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
                return Mono.just(enterCode(
                        exchange,
                        user,
                        "Too many codes tried. Try again in " + e.retryAfterSeconds() + " seconds.",
                        HttpStatus.TOO_MANY_REQUESTS));
            }
            return devices.pending(userCode)
                    .map(pending -> confirm(exchange, user, pending))
                    .defaultIfEmpty(enterCode(
                            exchange,
                            user,
                            "That code is not valid or has expired. Check the code in your terminal, or start"
                                    + " again with progy login.",
                            HttpStatus.NOT_FOUND));
        });
    }

    @PostMapping("/device")
    Mono<Rendering> decide(ServerWebExchange exchange) {
        return Mono.zip(exchange.getFormData(), pages.user(exchange)).flatMap(both -> {
            var form = both.getT1();
            Optional<User> user = both.getT2();
            if (user.isEmpty()) {
                return Mono.just(pages.signIn("/device"));
            }
            if (!pages.validCsrf(exchange, form.getFirst(Pages.CSRF_FIELD))) {
                return Mono.just(pages.csrfFailed(exchange, user));
            }
            String action = form.getFirst("action");
            if (!"approve".equals(action) && !"deny".equals(action)) {
                return Mono.just(enterCode(exchange, user, "Choose Approve or Deny.", HttpStatus.BAD_REQUEST));
            }
            boolean approve = action.equals("approve");
            try {
                // Deciding is also trying a code: held to the same limit as looking codes up.
                rateLimiter.check(
                        Policy.DEVICE_VERIFY_PER_USER, Long.toString(user.get().id()));
            } catch (RateLimitedException e) {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
                return Mono.just(enterCode(
                        exchange,
                        user,
                        "Too many codes tried. Try again in " + e.retryAfterSeconds() + " seconds.",
                        HttpStatus.TOO_MANY_REQUESTS));
            }
            return devices.decide(form.getFirst("user_code"), user.get().id(), approve)
                    .map(recorded -> {
                        if (!recorded) {
                            return enterCode(
                                    exchange,
                                    user,
                                    "That code is not valid any more: it expired or was already used.",
                                    HttpStatus.CONFLICT);
                        }
                        var model = pages.model(exchange, approve ? "Device approved" : "Device denied", user);
                        model.put(
                                "message",
                                approve
                                        ? "Done: you can close this page and go back to your terminal."
                                        : "Denied: the device was not signed in. You can close this page.");
                        return pages.page("message", model, HttpStatus.OK);
                    });
        });
    }

    private Rendering enterCode(ServerWebExchange exchange, Optional<User> user, String error, HttpStatus status) {
        var model = pages.model(exchange, "Connect a device", user);
        if (error != null) {
            model.put("error", error);
        }
        return pages.page("device", model, status);
    }

    private Rendering confirm(ServerWebExchange exchange, Optional<User> user, Pending pending) {
        var model = pages.model(exchange, "Approve device login", user);
        model.put("userCode", pending.userCode());
        model.put("client", pending.clientName());
        List<Map<String, String>> scopes = pending.scopes().stream()
                .map(scope -> Map.of("name", scope, "meaning", SCOPE_MEANINGS.getOrDefault(scope, scope)))
                .toList();
        model.put("scopes", scopes);
        return pages.page("device-confirm", model, HttpStatus.OK);
    }
}
