package io.progy.cli.auth;

import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code progy token ls}: the live tokens of the account, never their secrets. */
@Command(
        name = "ls",
        aliases = "list",
        mixinStandardHelpOptions = true,
        description = "List your tokens that are neither expired nor revoked: id, name, scopes, expiry, last use.",
        footerHeading = "%nExamples:%n",
        footer = {"  progy token ls", "  progy token ls --format json"})
public final class TokenListCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Override
    protected int run() {
        var tokens = new AuthApi(api(server)).tokens();
        if (output().json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("tokens", tokens);
            output().printJson(result);
            return ExitCode.OK;
        }
        if (tokens.isEmpty()) {
            output().info("No live tokens.");
            return ExitCode.OK;
        }
        for (var token : tokens) {
            output().println(token.tokenId() + (token.current() ? " *" : "") + "  "
                    + (token.name() == null ? "-" : token.name()) + "  " + String.join(",", token.scopes())
                    + "  expires " + day(token.expiresAt()) + "  last used "
                    + (token.lastUsedAt() == null ? "never" : day(token.lastUsedAt())));
        }
        output().info("* the token this command used");
        return ExitCode.OK;
    }

    private static String day(String instant) {
        return instant.length() >= 10 ? instant.substring(0, 10) : instant;
    }
}
