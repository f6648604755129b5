package io.progy.cli.auth;

/** A stored login: which server, as whom, with which API token. */
public record Credentials(String server, String username, String token) {
    @Override
    public String toString() {
        return "Credentials[server=" + server + ", username=" + username + ", token=***]";
    }
}
