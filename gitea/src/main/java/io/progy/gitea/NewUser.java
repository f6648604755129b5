package io.progy.gitea;

/**
 * What {@link GiteaClient#createUser} creates: a local account that never has to change its password.
 *
 * @param restricted a restricted user sees only what it owns or is explicitly granted
 * @param visibility {@code public}, {@code limited} or {@code private}
 */
public record NewUser(String username, String email, String password, boolean restricted, String visibility) {

    @Override
    public String toString() {
        return "NewUser[username=" + username + ", email=" + email + "]";
    }
}
