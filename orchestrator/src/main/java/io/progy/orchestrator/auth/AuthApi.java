package io.progy.orchestrator.auth;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
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

    record TokenResponse(String token, long tokenId, List<String> scopes, Instant expiresAt) {}
}
