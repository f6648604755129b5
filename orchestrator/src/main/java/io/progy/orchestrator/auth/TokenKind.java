package io.progy.orchestrator.auth;

/** Where a token came from, which decides whether it may manage other tokens. */
public enum TokenKind {
    /** From signing in: {@code progy login} (device flow) or the password grant. May manage tokens. */
    LOGIN,
    /** From {@code POST /v1/tokens} ({@code progy token create}). May not create or revoke other tokens. */
    API;

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static TokenKind fromColumn(String value) {
        return "api".equals(value) ? API : LOGIN;
    }
}
