package io.progy.cli;

import io.progy.format.InvalidArchiveException;
import io.progy.format.InvalidManifestException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns whatever a command threw into one clear line on stderr and an exit code. Loaded only on failure. */
final class Failures {
    private Failures() {}

    static int report(Exception failure, Output output) {
        Throwable e = failure;
        if (e instanceof UncheckedIOException unchecked) {
            e = unchecked.getCause();
        }
        int code;
        if (e instanceof CliException cli) {
            output.error(cli.getMessage());
            code = cli.exitCode();
        } else if (e instanceof InvalidManifestException manifest) {
            output.error("invalid course.json:" + System.lineSeparator() + indent(manifest.getMessage()));
            code = ExitCode.USAGE;
        } else if (e instanceof InvalidArchiveException archive) {
            output.error(archive.getMessage());
            code = ExitCode.USAGE;
        } else if (e instanceof NoSuchFileException missing) {
            output.error("no such file or directory: " + missing.getFile());
            code = ExitCode.USAGE;
        } else if (e instanceof NotDirectoryException notDir) {
            output.error("not a directory: " + notDir.getFile());
            code = ExitCode.USAGE;
        } else if (e instanceof FileAlreadyExistsException exists) {
            output.error("already exists: " + exists.getFile());
            code = ExitCode.CONFLICT;
        } else if (e instanceof AccessDeniedException denied) {
            output.error("permission denied: " + denied.getFile());
            code = ExitCode.FAILURE;
        } else if (e instanceof IOException io) {
            output.error("I/O error: " + io.getMessage());
            code = ExitCode.FAILURE;
        } else {
            output.error("internal error: " + e + (output.verbose() ? "" : " (run again with -v for details)"));
            code = ExitCode.INTERNAL;
        }
        if (output.verbose()) {
            var trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            output.debug(trace.toString().stripTrailing());
        }
        return code;
    }

    private static String indent(String text) {
        return text.lines()
                .map(line -> "  " + line)
                .reduce((a, b) -> a + System.lineSeparator() + b)
                .orElse("");
    }
}
