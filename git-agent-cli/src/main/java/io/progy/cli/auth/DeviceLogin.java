package io.progy.cli.auth;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.Output;
import io.progy.cli.http.ApiException;
import io.progy.cli.http.HttpApi;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code progy login} in a browser: the device authorization grant (RFC 8628). Asks the server for a code,
 * shows it with the URL (and opens the browser where there is one), then polls until the person approves or
 * denies it, waiting {@code interval} seconds between polls and 5 more after each {@code slow_down}.
 */
final class DeviceLogin {
    static final String CLIENT_ID = "progy-cli";
    private static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
    /** Never poll sooner than this, whatever the server says. */
    private static final long MIN_INTERVAL_SECONDS = 1;

    /** Waits between polls; tests of the loop do not need to wait for real. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** The token, as the device token endpoint answers it. */
    record Granted(String token, String tokenId, List<String> scopes, long expiresIn) {}

    private final HttpApi http;
    private final Output output;
    private final BrowserOpener browser;
    private final Sleeper sleeper;

    DeviceLogin(HttpApi http, Output output, BrowserOpener browser, Sleeper sleeper) {
        this.http = http;
        this.output = output;
        this.browser = browser;
        this.sleeper = sleeper;
    }

    Granted run(List<String> scopes, boolean openBrowser) throws InterruptedException {
        var form = new LinkedHashMap<String, String>();
        form.put("client_id", CLIENT_ID);
        form.put("scope", String.join(" ", scopes));
        var started = http.postForm("/v1/auth/device/code", form);
        if (!started.ok()) {
            throw new CliException(
                    ExitCode.USAGE, "the server refused to start a device login: " + started.errorDescription());
        }
        var body = started.body();
        String deviceCode = body.path("device_code").asText();
        String userCode = body.path("user_code").asText();
        String uri = body.path("verification_uri").asText();
        String complete = body.path("verification_uri_complete").asText(uri);
        long interval = Math.max(MIN_INTERVAL_SECONDS, body.path("interval").asLong(5));
        long expiresIn = body.path("expires_in").asLong(900);

        // The code and URL are what the person needs whatever -q says: always on stderr, stdout stays for results.
        output.always("First copy your one-time code: " + output.bold(userCode));
        boolean opened = openBrowser && browser.open(complete);
        output.always((opened ? "Opened " : "Open ") + uri + " in your browser"
                + (opened ? " (if it did not open, go there yourself)" : "") + " and enter the code.");
        output.always("Or go straight to " + complete);
        output.info(
                "Waiting for you to approve in the browser (the code expires in " + expiresIn / 60 + " minutes)...");

        var poll = new LinkedHashMap<String, String>();
        poll.put("grant_type", GRANT_TYPE);
        poll.put("device_code", deviceCode);
        poll.put("client_id", CLIENT_ID);
        while (true) {
            sleeper.sleep(interval * 1000);
            HttpApi.FormAnswer answer;
            try {
                answer = http.postForm("/v1/auth/device/token", poll);
            } catch (ApiException e) {
                if (e.status() != 429) {
                    throw e;
                }
                long wait = Math.max(interval, e.retryAfterSeconds());
                output.info("The server is rate limiting logins; trying again in " + wait + " s.");
                sleeper.sleep(wait * 1000);
                continue;
            }
            if (answer.ok()) {
                var token = answer.body();
                return new Granted(
                        token.path("access_token").asText(),
                        token.path("token_id").asText(null),
                        List.of(token.path("scope").asText("").split(" ")),
                        token.path("expires_in").asLong());
            }
            switch (answer.error()) {
                case "authorization_pending" -> output.debug("not approved yet");
                case "slow_down" -> {
                    interval += 5;
                    output.debug("the server asked to slow down: polling every " + interval + " s");
                }
                case "access_denied" ->
                    throw new CliException(
                            ExitCode.AUTH, "the login was denied in the browser; run `progy login` to try again");
                case "expired_token" ->
                    throw new CliException(
                            ExitCode.AUTH, "the code expired before it was approved; run `progy login` again");
                default -> throw new CliException(ExitCode.AUTH, "login failed: " + answer.errorDescription());
            }
        }
    }
}
