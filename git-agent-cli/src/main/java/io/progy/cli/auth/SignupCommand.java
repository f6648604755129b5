package io.progy.cli.auth;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import io.progy.cli.http.HttpApi;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code progy signup}: creates an account, then logs in with it. */
@Command(
        name = "signup",
        mixinStandardHelpOptions = true,
        description = {
            "Create an account and log in with it.",
            "Your username is also your publishing scope: user ada publishes @ada/<course>."
                    + " Usernames are lower-case letters, digits and '-'; passwords have at least 10 characters."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  progy signup",
            "  echo \"$PASSWORD\" | progy signup --username ada --email ada@example.com --password-stdin"
        })
public final class SignupCommand extends ProgyCommand {
    private static final int MIN_PASSWORD_LENGTH = 10;

    @Mixin
    ServerOptions server;

    @Option(names = "--username", paramLabel = "NAME", description = "Account name (asked for when omitted).")
    String username;

    @Option(names = "--email", paramLabel = "ADDRESS", description = "E-mail address (asked for when omitted).")
    String email;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Override
    protected int run() throws Exception {
        var url = server.url(context());
        var prompter = new Prompter(context());
        var name = username != null ? username.trim() : prompter.line("Username: ", "--username");
        var address = email != null ? email.trim() : prompter.line("E-mail: ", "--email");
        String password;
        if (passwordStdin) {
            password = prompter.passwordFromStdin();
        } else {
            password = prompter.password("Password (at least " + MIN_PASSWORD_LENGTH + " characters): ");
            if (!password.equals(prompter.password("Repeat the password: "))) {
                throw CliException.usage("the passwords differ");
            }
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw CliException.usage("password: must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        var api = new AuthApi(new HttpApi(url, null, output()));
        var account = api.signup(name, address, password);
        var grant = api.createToken(name, password);
        credentials().write(new Credentials(url, account.username(), grant.token()));
        if (output().json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("server", url);
            result.put("username", account.username());
            result.put("email", account.email());
            result.put("created_at", account.createdAt());
            output().printJson(result);
        } else {
            output().println("Created account " + output().bold(account.username()) + " on " + url + " and logged in.");
            output().info("Publish courses under @" + account.username() + "/<course>.");
        }
        return ExitCode.OK;
    }
}
