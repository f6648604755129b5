package io.progy.cli;

import io.progy.cli.auth.LoginCommand;
import io.progy.cli.auth.LogoutCommand;
import io.progy.cli.auth.SignupCommand;
import io.progy.cli.auth.TokenCommand;
import io.progy.cli.auth.WhoamiCommand;
import io.progy.cli.cache.CacheCommand;
import io.progy.cli.config.ConfigCommand;
import io.progy.cli.course.CourseCommand;
import io.progy.cli.init.InitCommand;
import io.progy.cli.init.OutdatedCommand;
import io.progy.cli.init.UpdateCommand;
import io.progy.cli.learn.HintCommand;
import io.progy.cli.learn.ListCommand;
import io.progy.cli.learn.NextCommand;
import io.progy.cli.learn.QuizCommand;
import io.progy.cli.learn.ResetCommand;
import io.progy.cli.learn.StatusCommand;
import io.progy.cli.learn.TestCommand;
import io.progy.cli.learn.WatchCommand;
import io.progy.cli.portfolio.PortfolioCommand;
import io.progy.cli.progress.SaveCommand;
import io.progy.cli.progress.SyncCommand;
import io.progy.cli.registry.InfoCommand;
import io.progy.cli.registry.PackCommand;
import io.progy.cli.registry.PublishCommand;
import io.progy.cli.registry.SearchCommand;
import io.progy.cli.registry.YankCommand;
import io.progy.cli.start.StartCommand;
import picocli.CommandLine;

/**
 * The subcommands of {@code progy}, registered per run: building picocli's model means reflecting over every
 * option of every command, so a run adds only the commands it can reach.
 */
final class Subcommands {
    /** The subcommands, in help order. */
    private static final String[] COMMAND_NAMES = {
        "signup",
        "login",
        "logout",
        "whoami",
        "token",
        "search",
        "info",
        "init",
        "start",
        "test",
        "watch",
        "status",
        "list",
        "save",
        "sync",
        "update",
        "outdated",
        "hint",
        "next",
        "reset",
        "quiz",
        "portfolio",
        "pack",
        "publish",
        "yank",
        "cache",
        "course",
        "config",
        "daemon",
        "help"
    };

    private static final Class<?>[] COMMAND_CLASSES = {
        SignupCommand.class,
        LoginCommand.class,
        LogoutCommand.class,
        WhoamiCommand.class,
        TokenCommand.class,
        SearchCommand.class,
        InfoCommand.class,
        InitCommand.class,
        StartCommand.class,
        TestCommand.class,
        WatchCommand.class,
        StatusCommand.class,
        ListCommand.class,
        SaveCommand.class,
        SyncCommand.class,
        UpdateCommand.class,
        OutdatedCommand.class,
        HintCommand.class,
        NextCommand.class,
        ResetCommand.class,
        QuizCommand.class,
        PortfolioCommand.class,
        PackCommand.class,
        PublishCommand.class,
        YankCommand.class,
        CacheCommand.class,
        CourseCommand.class,
        ConfigCommand.class,
        io.progy.cli.daemon.DaemonCommand.class,
        CommandLine.HelpCommand.class
    };

    /**
     * Adds the subcommand this invocation names, or all of them when the run may print the command list
     * (no subcommand, {@code help}, a misspelt name). {@code progy --version} alone needs none.
     */
    static void register(CommandLine commandLine, String[] args) {
        var invoked = invokedSubcommand(args);
        for (int i = 0; i < COMMAND_NAMES.length; i++) {
            boolean needed = invoked == null
                    ? !versionOnly(args)
                    : invoked.equals(COMMAND_NAMES[i]) || !isCommandName(invoked) || invoked.equals("help");
            if (needed) {
                commandLine.addSubcommand(COMMAND_NAMES[i], COMMAND_CLASSES[i]);
            }
        }
    }

    /** The first argument that is not a root option or its value, or null. */
    private static String invokedSubcommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            var arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            if (arg.equals("--format") || arg.equals("--server")) {
                i++; // skip the option's value
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    private static boolean versionOnly(String[] args) {
        boolean version = false;
        for (var arg : args) {
            if (arg.equals("-h")
                    || arg.equals("--help")
                    || (arg.startsWith("-") && !arg.startsWith("--") && arg.contains("h"))) {
                return false;
            }
            version |= arg.equals("-V")
                    || arg.equals("--version")
                    || (arg.startsWith("-") && !arg.startsWith("--") && arg.contains("V"));
        }
        return version;
    }

    private static boolean isCommandName(String name) {
        for (var known : COMMAND_NAMES) {
            if (known.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private Subcommands() {}
}
