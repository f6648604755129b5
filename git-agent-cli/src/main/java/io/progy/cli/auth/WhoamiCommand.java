package io.progy.cli.auth;

import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code progy whoami}: asks the server who the current token belongs to. */
@Command(
        name = "whoami",
        mixinStandardHelpOptions = true,
        description = "Print the account you are logged in as (checked with the server).",
        footerHeading = "%nExamples:%n",
        footer = {"  progy whoami", "  progy whoami --format json"})
public final class WhoamiCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Override
    protected int run() {
        var api = api(server);
        var account = new AuthApi(api).user();
        if (output().json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("username", account.username());
            result.put("email", account.email());
            result.put("created_at", account.createdAt());
            result.put("server", api.server());
            output().printJson(result);
        } else {
            output().println(account.username());
        }
        return ExitCode.OK;
    }
}
