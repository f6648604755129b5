package io.progy.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code progy} command line. {@link #main} is the jar's entry point; {@link #execute} runs one
 * invocation against given environment and streams and returns the exit code, for tests and embedding.
 */
@Command(
        name = "progy",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Hands-on programming courses: find a course, start it in a Git-backed workspace whose progress"
                    + " follows you to any computer, write and publish your own.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:failure (the command ran but did not succeed, e.g. a local I/O error, or `progy course check`"
                    + " found problems)",
            "2:invalid input or usage: bad arguments, invalid course name, range or manifest (HTTP 400/422), a"
                    + " course with problems given to publish,"
                    + " unknown course or version (404), artifact too large (413)",
            "3:conflict or unexpected state: version already published or username taken (409),"
                    + " target directory not empty, a sync conflict (`progy sync` says how to resolve it)",
            "4:internal error (a bug: run again with -v and report it)",
            "5:server unavailable: connection refused or timed out, server error (5xx), rate limited (429),"
                    + " corrupt download",
            "6:not authenticated or forbidden (401/403): run `progy login`"
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  PROGY_SERVER   server URL (default " + ServerOptions.DEFAULT_SERVER + ")",
            "  PROGY_HOME     credentials, git credentials and download cache (default ~/.progy)",
            "  PROGY_TOKEN    API token; overrides the stored login",
            "  PROGY_SYNC_INTERVAL  seconds between uploads while `progy watch`/`start` run (default 120)",
            "  PROGY_TELEMETRY  off: do not record or send checks (see `progy config`)",
            "  PROGY_DAEMON   off: bin/progy runs every command in its own JVM (see `progy daemon --help`)",
            "  NO_COLOR       disables colour (so does output that is not a terminal)",
            "",
            "Start with:  progy search  then  progy init @progy/java-intro"
        })
public final class Progy implements Callable<Integer> {
    @Mixin
    OutputOptions outputOptions;

    @Mixin
    ServerOptions serverOptions;

    @Spec
    CommandSpec spec;

    private final CliContext context;
    private Output output;

    Progy(CliContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        int code = execute(args, System.getenv(), System.out, System.err, System.in);
        // bin/progy found no background process for this jar: start one for the next command (not after a stop, nor
        // for a script asking the version).
        var arguments = java.util.Arrays.asList(args);
        if ("1".equals(System.getenv("PROGY_DAEMON_SPAWN"))
                && !arguments.contains("daemon")
                && !(arguments.equals(java.util.List.of("--version")) || arguments.equals(java.util.List.of("-V")))) {
            io.progy.cli.daemon.DaemonLauncher.spawnQuietly(System.getenv());
        }
        System.exit(code);
    }

    /**
     * Runs one invocation of {@code progy} without exiting the JVM.
     *
     * @param args the command line, e.g. {@code ["init", "@progy/java-intro", "/tmp/x"]}
     * @param env the environment (PROGY_HOME, PROGY_SERVER, PROGY_TOKEN, NO_COLOR, ...)
     * @param out where results go
     * @param err where diagnostics go
     * @param in standard input (for {@code login --password-stdin})
     * @return the exit code (see {@link ExitCode})
     */
    public static int execute(
            String[] args, Map<String, String> env, PrintStream out, PrintStream err, InputStream in) {
        boolean terminal = System.console() != null && out == System.out && in == System.in;
        return execute(args, new CliContext(Map.copyOf(env), out, err, in, terminal));
    }

    /**
     * Runs one invocation of {@code progy} in {@code context}: its environment, streams, terminal and working
     * directory (relative paths on the command line resolve against {@link CliContext#cwd()}).
     */
    public static int execute(String[] args, CliContext context) {
        var out = context.out();
        var err = context.err();
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // The most frequent scripted call gets the shortest path: the same text picocli would print,
            // without building a picocli model (which costs more than the JVM's own start-up here).
            for (var line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            out.flush();
            return ExitCode.OK;
        }
        var progy = new Progy(context);
        var commandLine = new CommandLine(progy);
        Subcommands.register(commandLine, args); // first: the settings below apply to the commands present
        commandLine
                .setExpandAtFiles(false) // "@scope/slug" is a course name, not an argument file
                .setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(Path.class, value -> context.resolve(Path.of(value)))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setColorScheme(Help.defaultColorScheme(context.color() ? Help.Ansi.ON : Help.Ansi.OFF))
                .setParameterExceptionHandler(progy::invalidUsage)
                .setExecutionExceptionHandler((e, cl, parsed) -> Failures.report(e, progy.output()));
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return ExitCode.USAGE;
    }

    public CliContext context() {
        return context;
    }

    public ServerOptions serverOptions() {
        return serverOptions;
    }

    /** The run's output, created on first use (so {@code --version} never builds one). */
    public Output output() {
        if (output == null) {
            output = new Output(context, outputOptions);
        }
        return output;
    }

    private int invalidUsage(ParameterException e, String[] args) {
        var err = e.getCommandLine().getErr();
        output().error(e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE;
    }
}
