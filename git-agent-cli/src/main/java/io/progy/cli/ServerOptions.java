package io.progy.cli;

import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --server URL}, mixed into every command that talks to the orchestrator (and into {@code progy}
 * itself, so {@code progy --server URL <command>} works too). Falls back to {@code $PROGY_SERVER}, then
 * {@value #DEFAULT_SERVER}.
 */
public final class ServerOptions {
    public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = {"Progy server URL.", "Default: $PROGY_SERVER, else " + DEFAULT_SERVER})
    String server;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The server URL to use, without a trailing slash; exit 2 when it is not an http(s) URL. */
    public String url(CliContext context) {
        var text = server;
        if (text == null && mixee != null && mixee.root().userObject() instanceof Progy root) {
            text = root.serverOptions().server;
        }
        if (text == null) {
            text = context.env("PROGY_SERVER").orElse(DEFAULT_SERVER);
        }
        return normalize(text);
    }

    /** The URL given with {@code --server} (on this command or on {@code progy} itself), if one was. */
    public java.util.Optional<String> explicitUrl() {
        var text = server;
        if (text == null && mixee != null && mixee.root().userObject() instanceof Progy root) {
            text = root.serverOptions().server;
        }
        return java.util.Optional.ofNullable(text).map(ServerOptions::normalize);
    }

    /**
     * The server of a workspace: {@code --server} when given, else {@code recorded} (what progy.toml names), else
     * as {@link #url}.
     */
    public String urlFor(CliContext context, String recorded) {
        return explicitUrl()
                .orElseGet(() -> recorded == null || recorded.isBlank() ? url(context) : normalize(recorded));
    }

    static String normalize(String text) {
        var url = text.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            var uri = URI.create(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw CliException.usage("invalid server URL '" + text + "': expected http://host[:port] or https://…");
    }
}
