package io.progy.cli.daemon;

import java.util.regex.Pattern;

/** The line of an info file: the loopback port, the secret every request must carry, the process id. */
public record DaemonInfo(int port, String secret, long pid) {
    private static final Pattern LINE = Pattern.compile("(\\d{1,5}) ([0-9a-f]{64}) (\\d{1,10})\\n?");

    static DaemonInfo parse(String text) {
        var matcher = LINE.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an info line");
        }
        return new DaemonInfo(Integer.parseInt(matcher.group(1)), matcher.group(2), Long.parseLong(matcher.group(3)));
    }

    String line() {
        return port + " " + secret + " " + pid + "\n";
    }
}
