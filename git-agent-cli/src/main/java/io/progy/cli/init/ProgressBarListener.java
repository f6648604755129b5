package io.progy.cli.init;

import io.progy.cli.http.TransferListener;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A download progress bar on stderr; only used on a terminal, never when output is piped. */
final class ProgressBarListener implements TransferListener {
    private final PrintStream err;
    private final String task;
    private final boolean color;
    private ProgressBar bar;

    ProgressBarListener(PrintStream err, String task, boolean color) {
        this.err = err;
        this.task = task;
        this.color = color;
    }

    @Override
    public void started(long totalBytes) {
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalBytes)
                .setUnit("KiB", 1024)
                .setStyle(color ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(100)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .build();
    }

    @Override
    public void transferred(long bytes) {
        if (bar != null) {
            bar.stepBy(bytes);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
