package io.progy.gitea;

/** What {@link GiteaClient#createRepoFor} creates: an empty repository (no initial commit). */
public record NewRepo(String name, String description, boolean isPrivate, String defaultBranch) {}
