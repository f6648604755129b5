package io.progy.orchestrator.auth;

import io.progy.orchestrator.auth.AuthApi.SignupRequest;
import io.progy.orchestrator.auth.AuthApi.TokenRequest;
import io.progy.orchestrator.auth.AuthApi.UserResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /v1/auth/*} and {@code /v1/user}. */
@RestController
class AuthController {

    private final AccountService accounts;

    AuthController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/v1/auth/signup")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<UserResponse> signup(@Valid @RequestBody SignupRequest request) {
        return Mono.defer(() -> accounts.signup(request.username(), request.email(), request.password()))
                .map(UserResponse::of);
    }

    @PostMapping("/v1/auth/token")
    Mono<IssuedToken> token(@Valid @RequestBody TokenRequest request) {
        return accounts.issueToken(request.username(), request.password(), request.name());
    }

    @DeleteMapping("/v1/auth/token")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> logout(Caller caller) {
        return accounts.revoke(caller);
    }

    @GetMapping("/v1/user")
    Mono<UserResponse> user(Caller caller) {
        return accounts.user(caller.userId()).map(UserResponse::of);
    }
}
