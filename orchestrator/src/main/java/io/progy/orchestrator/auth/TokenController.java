package io.progy.orchestrator.auth;

import io.progy.orchestrator.auth.AuthApi.CreateTokenRequest;
import io.progy.orchestrator.auth.AuthApi.TokenList;
import io.progy.orchestrator.auth.AuthApi.TokenSummary;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /v1/tokens}: the caller's own tokens ({@code progy token ls|create|revoke}). */
@RestController
class TokenController {

    private final TokenService tokens;

    TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/v1/tokens")
    Mono<TokenList> list(Caller caller) {
        return Mono.defer(() -> tokens.list(caller))
                .map(list -> new TokenList(list.stream()
                        .map(info -> TokenSummary.of(info, info.id() == caller.tokenId()))
                        .toList()));
    }

    @PostMapping("/v1/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<IssuedToken> create(Caller caller, @Valid @RequestBody CreateTokenRequest request) {
        return Mono.defer(() -> tokens.create(caller, request.name(), request.parsedScopes(), request.expiresInDays()));
    }

    @DeleteMapping("/v1/tokens/{token_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revoke(Caller caller, @PathVariable("token_id") String tokenId) {
        return Mono.defer(() -> tokens.revoke(caller, tokenId));
    }
}
