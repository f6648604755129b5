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

    record CreateTokenRequest(String name, List<String> scopes, Integer expiresInDays) {}

    record TokenSummary(
            String tokenId,
            String name,
            List<String> scopes,
            String kind,
            String createdAt,
            String expiresAt,
            String lastUsedAt,
            boolean current) {}

    record TokenList(List<TokenSummary> tokens) {}

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

    List<TokenSummary> tokens() {
        return http.get("/v1/tokens", TokenList.class, Auth.REQUIRED).tokens();
    }

    TokenGrant createToken(String name, List<String> scopes, Integer expiresInDays) {
        return http.post(
                "/v1/tokens", new CreateTokenRequest(name, scopes, expiresInDays), TokenGrant.class, Auth.REQUIRED);
    }

    void revokeToken(String tokenId) {
        http.delete("/v1/tokens/" + HttpApi.query(tokenId), Void.class, Auth.REQUIRED);
    }
}
