package io.progy.cli;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/** An {@link Output} for services driven directly by tests: nothing printed, not a terminal. */
public final class TestOutput {
    private TestOutput() {}

    public static Output silent() {
        var nowhere = new PrintStream(OutputStream.nullOutputStream());
        var context = new CliContext(Map.of(), nowhere, nowhere, new ByteArrayInputStream(new byte[0]), false);
        return new Output(context, new OutputOptions());
    }
}
