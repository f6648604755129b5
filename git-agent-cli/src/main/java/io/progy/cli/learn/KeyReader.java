package io.progy.cli.learn;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The keys pressed during {@code progy watch}, read on a daemon thread. On a terminal in cbreak mode each key
 * arrives as it is pressed; from a pipe (or a terminal left in line mode) keys arrive a line at a time, which is
 * how scripts and tests drive {@code watch}. White space is skipped; at the end of the input no more keys come.
 */
final class KeyReader {
    private final BlockingQueue<Character> keys = new LinkedBlockingQueue<>();

    KeyReader(InputStream in) {
        var thread = new Thread(() -> read(new InputStreamReader(in, StandardCharsets.UTF_8)), "progy-watch-keys");
        thread.setDaemon(true);
        thread.start();
    }

    private void read(Reader reader) {
        try {
            int c;
            while ((c = reader.read()) >= 0) {
                if (!Character.isWhitespace(c)) {
                    keys.add((char) c);
                }
            }
        } catch (IOException e) {
            // standard input closed: no more keys
        }
    }

    /** The next key pressed, waiting at most {@code millis}; {@code null} if none. */
    Character poll(long millis) throws InterruptedException {
        return keys.poll(millis, TimeUnit.MILLISECONDS);
    }
}
