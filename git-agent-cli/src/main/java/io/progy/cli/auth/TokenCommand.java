package io.progy.cli.auth;

import io.progy.cli.CliException;
import io.progy.cli.ProgyCommand;
import picocli.CommandLine.Command;

/** {@code progy token}: scoped, expiring API tokens ({@code create}, {@code ls}, {@code revoke}). */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = {
            "Create, list and revoke API tokens.",
            "A token has scopes (read, publish, progress, git) and expires; give CI a publish-only token.",
            "Managing tokens needs the login from `progy login`."
        },
        subcommands = {TokenCreateCommand.class, TokenListCommand.class, TokenRevokeCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  progy token create --name ci --scope publish --expires 30d",
            "  progy token ls",
            "  progy token revoke tok_3f9a1c2b7e"
        })
public final class TokenCommand extends ProgyCommand {
    @Override
    protected int run() {
        throw CliException.usage("missing subcommand: `progy token create`, `progy token ls` or `progy token revoke`");
    }
}
