package io.progy.cli.auth;

import io.progy.cli.http.HttpApi;
import io.progy.cli.http.HttpApi.Auth;
import java.util.List;

/** The account endpoints of the Progy API ({@code /v1/auth/*}, {@code /v1/user}). */
final class AuthApi {
    record SignupRequest(String username, String email, String password) {}

    record Account(String username, String email, String createdAt) {}

    record TokenRequest(String username, String password, String name) {}

    record TokenGrant(String token, String tokenId, List<String> scopes, String expiresAt) {}

    private final HttpApi http;

    AuthApi(HttpApi http) {
        this.http = http;
    }

    Account signup(String username, String email, String password) {
        return http.post("/v1/auth/signup", new SignupRequest(username, email, password), Account.class, Auth.NONE);
    }

    TokenGrant createToken(String username, String password) {
        return http.post(
                "/v1/auth/token", new TokenRequest(username, password, "progy CLI"), TokenGrant.class, Auth.NONE);
    }

    void revokeToken() {
        http.delete("/v1/auth/token", Void.class, Auth.REQUIRED);
    }

    Account user() {
        return http.get("/v1/user", Account.class, Auth.REQUIRED);
    }
}
