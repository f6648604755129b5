package io.progy.gitea;

import java.util.List;

/**
 * A Gitea access token.
 *
 * @param secret the token itself: Gitea shows it once, in the answer to its creation; {@code null} in listings
 */
public record GiteaToken(long id, String name, String secret, List<String> scopes) {

    public GiteaToken {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "GiteaToken[id=" + id + ", name=" + name + ", scopes=" + scopes + "]";
    }
}
