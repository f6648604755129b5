package io.progy.cli.auth;

import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import java.util.LinkedHashMap;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code progy token create}: prints a new token once; it is never shown again. */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = {
            "Create an API token and print it (only now: store it as a secret, e.g. PROGY_TOKEN in CI).",
            "Default lifetime: 30 days for a publish-only token, 90 days otherwise; at most 1 year."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  progy token create --name github-actions --scope publish --expires 30d",
            "  progy token create --name laptop --scope read,progress,git --expires 1y --format json"
        })
public final class TokenCreateCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Option(names = "--name", paramLabel = "NAME", description = "What the token is for (default: progy token).")
    String name;

    @Option(
            names = "--scope",
            paramLabel = "SCOPE",
            split = ",",
            required = true,
            description = "Scopes: read, publish, progress, git (repeat or separate with commas).")
    List<String> scopes;

    @Option(names = "--expires", paramLabel = "LIFETIME", description = "Lifetime such as 30d, 12w or 1y (at most 1y).")
    String expires;

    @Override
    protected int run() {
        var wanted = TokenScopes.parse(scopes, "--scope");
        Integer days = expires == null ? null : TokenScopes.days(expires);
        var label = name == null || name.isBlank() ? "progy token" : name.trim();
        var grant = new AuthApi(api(server)).createToken(label, wanted, days);
        if (output().json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("token", grant.token());
            result.put("token_id", grant.tokenId());
            result.put("scopes", grant.scopes());
            result.put("expires_at", grant.expiresAt());
            output().printJson(result);
        } else {
            output().println(grant.token());
            output().info("Token " + grant.tokenId() + " (" + String.join(", ", grant.scopes()) + "), expires "
                    + grant.expiresAt() + ". It is shown only this once.");
        }
        return ExitCode.OK;
    }
}
