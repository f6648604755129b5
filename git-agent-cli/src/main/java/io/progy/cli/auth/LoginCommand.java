package io.progy.cli.auth;

import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import io.progy.cli.http.HttpApi;
import java.util.LinkedHashMap;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code progy login}: signs in in the browser (device flow), or with a password, and stores the token. */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = {
            "Log in and store an API token.",
            "By default in the browser: progy shows a one-time code and a URL (and opens it where it can);"
                    + " approve the code there and progy receives a token valid for 90 days.",
            "With --username or --password-stdin it logs in with a password instead (for scripts and CI).",
            "The token is kept in $PROGY_HOME/credentials.json (mode 0600) with the server it belongs to."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  progy login",
            "  progy login --no-browser",
            "  echo \"$PASSWORD\" | progy login --username ada --password-stdin",
            "  progy login --server https://progy.example.com"
        })
public final class LoginCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Option(
            names = "--username",
            paramLabel = "NAME",
            description = "Log in with this account's password instead of the browser.")
    String username;

    @Option(
            names = "--password-stdin",
            description = "Read the password from standard input (everything up to the end, one trailing"
                    + " newline removed).")
    boolean passwordStdin;

    @Option(names = "--no-browser", description = "Do not try to open a browser; just print the code and the URL.")
    boolean noBrowser;

    @Option(
            names = "--scope",
            paramLabel = "SCOPE",
            split = ",",
            description = "Scopes to ask for in the browser: read, publish, progress, git (default: all).")
    List<String> scopes;

    @Override
    protected int run() throws Exception {
        var url = server.url(context());
        var http = new HttpApi(url, null, output());
        String name;
        String token;
        List<String> granted;
        String expiresAt;
        if (username != null || passwordStdin) {
            var prompter = new Prompter(context());
            name = username != null ? username.trim() : prompter.line("Username: ", "--username");
            var password = passwordStdin ? prompter.passwordFromStdin() : prompter.password("Password: ");
            var grant = new AuthApi(http).createToken(name, password);
            token = grant.token();
            granted = grant.scopes();
            expiresAt = grant.expiresAt();
        } else {
            var device = new DeviceLogin(http, output(), new BrowserOpener(context()), Thread::sleep)
                    .run(TokenScopes.parse(scopes, "--scope"), !noBrowser);
            token = device.token();
            granted = device.scopes();
            expiresAt = java.time.Instant.now().plusSeconds(device.expiresIn()).toString();
            name = granted.contains("read")
                    ? new AuthApi(new HttpApi(url, token, output())).user().username()
                    : null;
        }
        credentials().write(new Credentials(url, name, token));
        output().debug("stored the token in " + credentials().file());
        if (output().json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("server", url);
            result.put("username", name);
            result.put("scopes", granted);
            result.put("expires_at", expiresAt);
            output().printJson(result);
        } else {
            output().println("Logged in to " + url + (name == null ? "" : " as " + output().bold(name)) + ".");
        }
        return ExitCode.OK;
    }
}
