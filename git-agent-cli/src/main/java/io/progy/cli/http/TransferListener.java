package io.progy.cli.http;

/** Follows a download; the CLI shows a progress bar with it on a terminal. */
public interface TransferListener extends AutoCloseable {
    TransferListener NONE = new TransferListener() {
        @Override
        public void started(long totalBytes) {}

        @Override
        public void transferred(long bytes) {}

        @Override
        public void close() {}
    };

    /** The transfer begins; {@code totalBytes} is -1 when unknown. */
    void started(long totalBytes);

    /** {@code bytes} more bytes arrived. */
    void transferred(long bytes);

    @Override
    void close();
}
