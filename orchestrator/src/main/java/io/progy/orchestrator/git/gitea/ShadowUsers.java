package io.progy.orchestrator.git.gitea;

import io.progy.orchestrator.auth.User;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The Gitea account that stands for a Progy user: {@code p<id>-<username>}, unique by the id, readable by the name,
 * and within Gitea's 40 characters. Its email is never routed ({@code .invalid}) and doubles as the mark that Progy
 * created the account.
 */
final class ShadowUsers {

    /** Gitea's longest user name. */
    static final int MAX_LOGIN = 40;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ShadowUsers() {}

    static String login(User user) {
        String login = "p" + user.id() + "-" + user.username();
        if (login.length() > MAX_LOGIN) {
            login = login.substring(0, MAX_LOGIN);
        }
        // Gitea names may not end with '-' (Progy user names may contain it).
        return login.replaceAll("-+$", "");
    }

    static String email(String login, String domain) {
        return login + "@" + domain;
    }

    /**
     * A password nobody will ever know: used once in the creation request and kept nowhere. It carries every
     * character class so that any password-complexity setting of the Gitea server accepts it.
     */
    static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "aZ7!";
    }
}
