package io.progy.cli.auth;

import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import io.progy.cli.http.HttpApi;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code progy login}: exchanges username and password for an API token and stores it. */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = {
            "Log in and store an API token.",
            "The token is kept in $PROGY_HOME/credentials.json (mode 0600) with the server it belongs to.",
            "Asks for username and password on a terminal; scripts pass the password on stdin."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  progy login",
            "  progy login --username ada",
            "  echo \"$PASSWORD\" | progy login --username ada --password-stdin",
            "  progy login --server https://progy.example.com"
        })
public final class LoginCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Option(names = "--username", paramLabel = "NAME", description = "Account name (asked for when omitted).")
    String username;

    @Option(
            names = "--password-stdin",
            description = "Read the password from standard input (everything up to the end, one trailing"
                    + " newline removed).")
    boolean passwordStdin;

    @Override
    protected int run() throws Exception {
        var url = server.url(context());
        var prompter = new Prompter(context());
        var name = username != null ? username.trim() : prompter.line("Username: ", "--username");
        var password = passwordStdin ? prompter.passwordFromStdin() : prompter.password("Password: ");
        var grant = new AuthApi(new HttpApi(url, null, output())).createToken(name, password);
        credentials().write(new Credentials(url, name, grant.token()));
        output().debug("stored the token in " + credentials().file());
        if (output().json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("server", url);
            result.put("username", name);
            result.put("scopes", grant.scopes());
            result.put("expires_at", grant.expiresAt());
            output().printJson(result);
        } else {
            output().println("Logged in to " + url + " as " + output().bold(name) + ".");
        }
        return ExitCode.OK;
    }
}
