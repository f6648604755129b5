package io.progy.gitea;

/** A Gitea account, as far as Progy cares about it. */
public record GiteaUser(long id, String login, String email, boolean admin) {}
