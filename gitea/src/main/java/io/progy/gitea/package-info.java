/**
 * Progy's adapter for Gitea: {@link io.progy.gitea.GiteaClient} wraps the client generated at build time from
 * {@code openapi/gitea.yaml} (packages {@code io.progy.gitea.client.*}) and exposes only plain Java values and
 * {@link io.progy.gitea.GiteaException}, so generated Gitea types never leak past this package.
 */
package io.progy.gitea;
