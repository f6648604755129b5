package io.progy.cli.check;

/** Told what a check prints while it runs, for a live view (the browser UI streams it to the page). */
@FunctionalInterface
public interface OutputListener {
    /**
     * Some output, decoded as UTF-8, in the order printed (standard output and error together).
     *
     * @param text a chunk; not necessarily whole lines
     */
    void output(String text);
}
