package io.progy.cli.auth;

import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code progy token revoke ID}: the token stops working at once. */
@Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        description = "Revoke one of your tokens by its id (from `progy token ls`); it stops working at once.",
        footerHeading = "%nExamples:%n",
        footer = {"  progy token revoke tok_3f9a1c2b7e"})
public final class TokenRevokeCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Parameters(paramLabel = "TOKEN_ID", description = "The token's id, tok_...")
    String tokenId;

    @Override
    protected int run() {
        new AuthApi(api(server)).revokeToken(tokenId.trim());
        if (output().json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("token_id", tokenId.trim());
            result.put("revoked", true);
            output().printJson(result);
        } else {
            output().println("Revoked " + tokenId.trim() + ".");
        }
        return ExitCode.OK;
    }
}
