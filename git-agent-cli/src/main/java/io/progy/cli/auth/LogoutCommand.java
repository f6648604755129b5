package io.progy.cli.auth;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import io.progy.cli.http.ApiException;
import io.progy.cli.progress.GitCredentialCache;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code progy logout}: revokes the token on the server, then forgets it. */
@Command(
        name = "logout",
        mixinStandardHelpOptions = true,
        description = {
            "Revoke your API token and forget it.",
            "Revokes the token on the server and removes $PROGY_HOME/credentials.json.",
            "The local login is removed even when the server cannot be reached (exit 5 then: the token"
                    + " stays valid on the server until it expires)."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  progy logout"})
public final class LogoutCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Override
    protected int run() throws Exception {
        var url = server.url(context());
        var store = credentials();
        var stored = store.readFor(url);
        var token = token(url);
        if (token == null) {
            output().info("Not logged in to " + url + ".");
            return result(url, false, ExitCode.OK);
        }
        int code = ExitCode.OK;
        try {
            new AuthApi(api(server)).revokeToken();
        } catch (ApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            output().debug("the server no longer knew the token");
        } catch (CliException e) {
            if (e.exitCode() != ExitCode.UNAVAILABLE) {
                throw e;
            }
            output().warn(e.getMessage() + "; the token was not revoked on the server");
            code = ExitCode.UNAVAILABLE;
        }
        if (stored.isPresent()) {
            store.delete();
        }
        new GitCredentialCache(context().home()).clear(); // git tokens obtained with that login go too
        if (context().env("PROGY_TOKEN").isPresent()) {
            output().info("PROGY_TOKEN is still set in your environment: unset it.");
        }
        return result(url, true, code);
    }

    private int result(String url, boolean loggedOut, int code) {
        if (output().json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("server", url);
            result.put("logged_out", loggedOut);
            output().printJson(result);
        } else if (loggedOut) {
            output().println("Logged out of " + url + ".");
        }
        return code;
    }
}
