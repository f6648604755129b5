package io.progy.cli;

import io.progy.cli.auth.CredentialStore;
import io.progy.cli.auth.Credentials;
import io.progy.cli.http.HttpApi;
import io.progy.cli.progress.GitCredentialCache;
import io.progy.cli.progress.GitRemote;
import io.progy.cli.progress.ProgressRepo;
import io.progy.cli.progress.ProgyToml;
import io.progy.cli.progress.ServerGitRemote;
import io.progy.cli.telemetry.Telemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every subcommand: reaches the run's {@link CliContext} and {@link Output} through the root
 * {@link Progy} command. Subclasses keep heavy types (Jackson, JGit, java.net.http) out of their fields,
 * because picocli reflects over every command on every run, {@code --version} included.
 */
public abstract class ProgyCommand implements Callable<Integer> {
    private static final java.util.Set<String> SIGNING_IN = java.util.Set.of("login", "signup");

    @Spec
    protected CommandSpec spec;

    protected Progy root() {
        return (Progy) spec.root().userObject();
    }

    protected CliContext context() {
        return root().context();
    }

    protected Output output() {
        return root().output();
    }

    protected CredentialStore credentials() {
        return new CredentialStore(context().home());
    }

    /** A client for the server these options name, carrying {@code $PROGY_TOKEN} or the stored login. */
    protected HttpApi api(ServerOptions server) {
        var url = server.url(context());
        return new HttpApi(url, token(url), output());
    }

    /** {@code $PROGY_TOKEN}, else the stored token when it was issued by {@code server}; null if neither. */
    protected String token(String server) {
        var fromEnv = context().env("PROGY_TOKEN");
        if (fromEnv.isPresent()) {
            output().debug("using the token in PROGY_TOKEN");
            return fromEnv.get();
        }
        Optional<Credentials> stored;
        try {
            stored = credentials().read();
        } catch (CliException e) {
            output().warn(e.getMessage());
            return null;
        }
        if (stored.isPresent() && !stored.get().server().equals(server)) {
            output().debug("stored login is for " + stored.get().server() + ", not " + server);
            return null;
        }
        return stored.map(c -> c.token()).orElse(null);
    }

    /**
     * The student's progress repository for {@code course} on {@code server}, reached with the login for that server
     * ({@link #tokenFor}).
     */
    protected ServerGitRemote gitRemote(String server, String course, Duration timeout) {
        var token = tokenFor(server);
        return new ServerGitRemote(
                new HttpApi(server, token, output(), timeout),
                token,
                course,
                new GitCredentialCache(context().home()),
                output());
    }

    /**
     * The Git repository of the workspace at {@code root}, with the progress repository of the course and server
     * its progy.toml names ({@code --server} wins); empty when the workspace has no repository.
     */
    protected Optional<ProgressRepo> progressRepo(Path root, ServerOptions server, Duration timeout)
            throws IOException {
        if (!ProgressRepo.exists(root)) {
            return Optional.empty();
        }
        GitRemote remote = GitRemote.NONE;
        if (Files.isRegularFile(root.resolve(ProgyToml.FILE_NAME))) {
            var settings = ProgyToml.read(root);
            remote = gitRemote(server.urlFor(context(), settings.server()), settings.course(), timeout);
        }
        return Optional.of(ProgressRepo.open(root, remote, timeout));
    }

    /**
     * Check events for this run: queued per check by {@code test} and {@code watch}, sent to the server each
     * workspace came from with the login for that server.
     */
    protected Telemetry telemetry() {
        return new Telemetry(context(), output(), this::tokenFor);
    }

    /**
     * The token for a server a workspace names (check events, the progress repository): the stored login for that
     * server, or {@code $PROGY_TOKEN} when {@code server} is the one this run talks to. A workspace's progy.toml can
     * name any server, and {@code $PROGY_TOKEN} must not reach one it was not meant for.
     */
    protected String tokenFor(String server) {
        String runServer;
        try {
            runServer = serverOptions().url(context());
        } catch (CliException e) {
            runServer = null;
        }
        if (server.equals(runServer)) {
            return token(server);
        }
        return storedToken(server);
    }

    /** The login stored for {@code server}, if any. */
    private String storedToken(String server) {
        try {
            return credentials().readFor(server).map(c -> c.token()).orElse(null);
        } catch (CliException e) {
            return null;
        }
    }

    /** This command's {@code --server} options when it has them (they fall back to progy's own), else progy's. */
    private ServerOptions serverOptions() {
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof ServerOptions options) {
                return options;
            }
        }
        return root().serverOptions();
    }

    @Override
    public final Integer call() throws Exception {
        int exitCode = run();
        if (Telemetry.SENT_AFTER.contains(spec.name())) {
            // e.g. just logged in: send what waited for a login, with that login rather than $PROGY_TOKEN
            var after = SIGNING_IN.contains(spec.name())
                    ? new Telemetry(context(), output(), this::storedToken)
                    : telemetry();
            after.flush(Telemetry.SEND_BOUND);
        }
        return exitCode;
    }

    /** Runs the command; returns its exit code or throws a {@link CliException}. */
    protected abstract int run() throws Exception;
}
