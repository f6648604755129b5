package io.progy.cli.auth;

import io.progy.cli.CliContext;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Opens a URL in the person's browser where there is one: {@code $BROWSER} if set, else the desktop's opener
 * ({@code open} on macOS, {@code xdg-open} under X11/Wayland, the URL handler on Windows). Never fails: without
 * a browser the URL printed beside it is enough.
 */
final class BrowserOpener {
    private final CliContext context;

    BrowserOpener(CliContext context) {
        this.context = context;
    }

    /** Starts the browser without waiting for it; false when there is none to start. */
    boolean open(String url) {
        var command = command(url);
        if (command == null) {
            return false;
        }
        try {
            new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start()
                    .getOutputStream()
                    .close();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private List<String> command(String url) {
        var browser = context.env("BROWSER");
        if (browser.isPresent()) {
            return List.of(browser.get(), url);
        }
        if (!context.terminal()) {
            return null; // piped or in CI: nobody is looking at a screen
        }
        var os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return List.of("open", url);
        }
        if (os.contains("win")) {
            return List.of("rundll32", "url.dll,FileProtocolHandler", url);
        }
        if (context.env("DISPLAY").isPresent() || context.env("WAYLAND_DISPLAY").isPresent()) {
            return List.of("xdg-open", url);
        }
        return null;
    }
}
