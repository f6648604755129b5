/**
 * The {@code gitea} git provider: students' repositories on a Gitea (or Forgejo) server, each under a shadow user
 * that {@link io.progy.orchestrator.git.gitea.GiteaGitProvider} creates through the admin API, with short-lived access
 * tokens (scope {@code write:repository}) whose expiry this server keeps and enforces by deleting them. Clients push
 * to Gitea directly; the orchestrator carries no git traffic. Gitea is reached only through
 * {@link io.progy.gitea.GiteaClient}, so no generated Gitea type appears here.
 */
package io.progy.orchestrator.git.gitea;
