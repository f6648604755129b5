package io.progy.orchestrator.auth;

import io.progy.orchestrator.auth.AuthApi.SignupRequest;
import io.progy.orchestrator.auth.AuthApi.TokenRequest;
import io.progy.orchestrator.auth.AuthApi.UserResponse;
import io.progy.orchestrator.ratelimit.RateLimiter;
import io.progy.orchestrator.ratelimit.RateLimiter.Policy;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /v1/auth/signup}, the password grant {@code /v1/auth/token}, and {@code /v1/user}. */
@RestController
class AuthController {

    private final AccountService accounts;
    private final TokenService tokens;
    private final RateLimiter rateLimiter;

    AuthController(AccountService accounts, TokenService tokens, RateLimiter rateLimiter) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
    }

    @PostMapping("/v1/auth/signup")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<UserResponse> signup(@Valid @RequestBody SignupRequest request, ServerHttpRequest http) {
        return Mono.defer(() -> {
                    rateLimiter.check(Policy.SIGNUP_PER_IP, RateLimiter.clientAddress(http));
                    return accounts.signup(request.username(), request.email(), request.password());
                })
                .map(UserResponse::of);
    }

    @PostMapping("/v1/auth/token")
    Mono<IssuedToken> token(@Valid @RequestBody TokenRequest request, ServerHttpRequest http) {
        return Mono.defer(() -> {
            rateLimiter.check(Policy.LOGIN_PER_IP, RateLimiter.clientAddress(http));
            rateLimiter.check(Policy.LOGIN_PER_USER, request.username().trim());
            return accounts.issueToken(request.username(), request.password(), request.name());
        });
    }

    /** Logging out always works, whatever the token's scopes. */
    @DeleteMapping("/v1/auth/token")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> logout(Caller caller) {
        return tokens.revokeCurrent(caller);
    }

    @GetMapping("/v1/user")
    Mono<UserResponse> user(Caller caller) {
        return Mono.defer(() -> accounts.user(caller.require(Caller.SCOPE_READ).userId()))
                .map(UserResponse::of);
    }
}
