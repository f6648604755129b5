package io.progy.cli.start;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Opens a URL in the student's browser: {@code $BROWSER} if set, else the desktop's opener ({@code xdg-open},
 * {@code open} on macOS, {@code rundll32} on Windows). Never through a shell.
 */
final class BrowserOpener {
    private BrowserOpener() {}

    /** Whether a browser was started (without an error within a few seconds). */
    static boolean open(String url, Map<String, String> env) {
        var os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command;
        var browser = env.get("BROWSER");
        if (browser != null && !browser.isBlank()) {
            command = List.of(browser.strip().split(File.pathSeparator)[0], url);
        } else if (os.contains("mac")) {
            command = List.of("open", url);
        } else if (os.contains("win")) {
            command = List.of("rundll32", "url.dll,FileProtocolHandler", url);
        } else if (env.containsKey("DISPLAY") || env.containsKey("WAYLAND_DISPLAY")) {
            command = List.of("xdg-open", url);
        } else {
            return false; // no desktop to open a browser on
        }
        try {
            var process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return !process.waitFor(3, TimeUnit.SECONDS) || process.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
