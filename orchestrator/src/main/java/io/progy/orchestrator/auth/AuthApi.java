package io.progy.orchestrator.auth;

import io.progy.orchestrator.error.ApiException;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of the auth endpoints (JSON is snake_case). */
final class AuthApi {

    private AuthApi() {}

    record SignupRequest(
            @NotBlank(message = "is required") String username,

            @NotBlank(message = "is required")
            @Email(message = "must be an email address")
            @Size(max = 320, message = "must be at most 320 characters")
            String email,

            @NotBlank(message = "is required") @Size(min = 10, message = "must be at least 10 characters")
            String password) {}

    record TokenRequest(
            @NotBlank(message = "is required") String username,
            @NotBlank(message = "is required") String password,

            @Size(max = 100, message = "must be at most 100 characters")
            String name) {}

    record UserResponse(String username, String email, Instant createdAt) {
        static UserResponse of(User user) {
            return new UserResponse(user.username(), user.email(), user.createdAt());
        }
    }

    record CreateTokenRequest(
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String name,

            @NotEmpty(message = "name at least one scope") @Size(max = 4, message = "has at most 4 scopes")
            List<@NotBlank(message = "may not be blank") String> scopes,

            Integer expiresInDays) {

        List<String> parsedScopes() {
            try {
                return Caller.parseScopes(String.join(" ", scopes));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidRequest("scopes", e.getMessage());
            }
        }
    }

    /** A token as {@code GET /v1/tokens} lists it: never its secret. */
    record TokenSummary(
            String tokenId,
            String name,
            List<String> scopes,
            String kind,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt,
            boolean current) {

        static TokenSummary of(TokenInfo info, boolean current) {
            return new TokenSummary(
                    info.publicId(),
                    info.name(),
                    info.scopes(),
                    info.kind().column(),
                    info.createdAt(),
                    info.expiresAt(),
                    info.lastUsedAt(),
                    current);
        }
    }

    record TokenList(List<TokenSummary> tokens) {}
}
