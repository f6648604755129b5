package io.progy.cli.progress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/** A bare copy of every branch of a progress repository on the server, to see what the server holds. */
final class RemoteMirror implements AutoCloseable {
    private final Git git;

    private RemoteMirror(Git git) {
        this.git = git;
    }

    static RemoteMirror create(Path dir) throws GitAPIException {
        return new RemoteMirror(
                Git.init().setBare(true).setDirectory(dir.toFile()).call());
    }

    /** Makes the mirror's branches the server's (branches are never deleted there). */
    RemoteMirror fetch(GitAccess access) throws GitAPIException {
        git.fetch()
                .setRemote(access.url())
                .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"))
                .setCredentialsProvider(new UsernamePasswordCredentialsProvider(access.user(), access.token()))
                .call();
        return this;
    }

    Repository repository() {
        return git.getRepository();
    }

    /** The server's branch names. */
    List<String> branches() throws IOException {
        return repository().getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
                .map(ref -> Repository.shortenRefName(ref.getName()))
                .sorted()
                .toList();
    }

    /** The messages on {@code branch}, newest first. */
    List<String> log(String branch) throws IOException, GitAPIException {
        var messages = new java.util.ArrayList<String>();
        for (var commit :
                git.log().add(repository().resolve(Constants.R_HEADS + branch)).call()) {
            messages.add(commit.getShortMessage());
        }
        return messages;
    }

    @Override
    public void close() {
        git.close();
    }
}
