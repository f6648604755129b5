package io.progy.gitea;

import java.net.URI;

/**
 * A Gitea repository, as far as Progy cares about it.
 *
 * @param cloneUrl the HTTP(S) clone URL Gitea advertises (built from its {@code ROOT_URL}, so it is the address
 *     clients outside the server's network reach)
 */
public record GiteaRepo(long id, String owner, String name, URI cloneUrl, boolean isPrivate) {}
