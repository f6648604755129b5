package io.progy.cli.check;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.format.CheckResult;
import io.progy.format.Exercise;
import io.progy.format.RunnerSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs a check in a service of the course's Docker Compose file (Progy's {@code docker-compose} runners):
 * {@code docker compose -f FILE -p progy-check-<random> run --rm -T -v COURSE:/workspace:ro -w /workspace/CWD
 * SERVICE COMMAND...}, then {@code down} to stop the services it started (a database, say). Each check gets a
 * project of its own, so two checks never share state. The services are the course's: the compose file decides their
 * privileges, so progy prints a warning when it asks for more than a container normally gets.
 */
final class ComposeRunner implements CheckRunner {
    /** Matches compose keys that give a container more than usual: a reason for a warning. */
    private static final Pattern RISKY = Pattern.compile(
            "^\\s*(privileged:\\s*true|network_mode:\\s*[\"']?host|pid:\\s*[\"']?host|cap_add:|devices:|"
                    + "-\\s*[\"']?(/|~)[^:]*:)",
            Pattern.MULTILINE);

    private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RunnerSpec spec;
    private final Map<String, String> env;
    private final PrintStream warnings;
    private boolean ready;

    ComposeRunner(RunnerSpec spec, Map<String, String> env, PrintStream warnings) {
        this.spec = spec;
        this.env = CheckEnvironment.scrub(env);
        this.warnings = warnings;
    }

    @Override
    public RunnerSpec spec() {
        return spec;
    }

    @Override
    public CheckResult run(Path courseDir, Exercise exercise, OutputListener listener) {
        var dirs = CheckDirectories.confine(courseDir, exercise);
        var root = dirs.root();
        dirs.workDir(spec.cwd());
        var composeFile = dirs.courseFile(root.resolve(spec.compose().file()), "the Compose file");
        var resultsFile = dirs.freshResultsFile();
        var docker = DockerRunner.findDocker(spec, env, root);
        if (!ready) {
            DockerRunner.requireDaemon(docker, root, env);
            var version =
                    DockerRunner.docker(docker, root, env, DockerRunner.DOCKER_INFO_TIMEOUT, "compose", "version");
            if (version.timedOut() || version.exitCode() != 0) {
                throw new CliException(
                        ExitCode.UNAVAILABLE,
                        "this course's runner " + spec.id() + " needs Docker Compose, but `docker compose` does not"
                                + " work: install the Compose plugin (https://docs.docker.com/compose/install/)");
            }
            warnIfRisky(composeFile, root);
            ready = true;
        }
        var project = "progy-check-" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        var command = command(docker.toString(), composeFile, project, root, exercise);
        Runnable down = () -> DockerRunner.docker(
                docker,
                root,
                env,
                DOWN_TIMEOUT,
                "compose",
                "-f",
                composeFile.toString(),
                "-p",
                project,
                "down",
                "--volumes",
                "--remove-orphans",
                "--timeout",
                "1");
        CheckProcess.Outcome outcome;
        try {
            outcome = CheckProcess.run(command, root, env, spec.timeout(), null, listener);
        } catch (IOException e) {
            return CheckResult.error("cannot run the check: " + e.getMessage(), null);
        } finally {
            down.run();
        }
        return CheckResult.fromProcess(
                outcome.exitCode(), outcome.output(), outcome.timedOut(), spec.timeoutSeconds(), resultsFile);
    }

    /** The {@code docker compose run} command line for one check. */
    List<String> command(String docker, Path composeFile, String project, Path root, Exercise exercise) {
        DockerRunner.requireMountable(root);
        var mount = DockerRunner.PROGY_MOUNT;
        var command = new ArrayList<String>();
        command.addAll(List.of(docker, "compose", "-f", composeFile.toString(), "-p", project, "run", "--rm", "-T"));
        command.addAll(List.of("-v", root + ":" + mount + ":ro"));
        command.addAll(List.of("-w", spec.cwd().equals(".") ? mount : mount + "/" + spec.cwd()));
        command.add(spec.compose().service());
        command.addAll(spec.arguments(exercise.path(), mount));
        return command;
    }

    private void warnIfRisky(Path composeFile, Path root) {
        String text;
        try {
            text = Files.readString(composeFile);
        } catch (IOException e) {
            return;
        }
        var matcher = RISKY.matcher(text);
        if (matcher.find()) {
            warnings.println("""
                    WARNING ****************************************************************
                    WARNING  This course's checks run in Docker Compose services that %s asks
                    WARNING  to give more than a container normally gets (%s).
                    WARNING  Code in the exercises may reach your machine through them.
                    WARNING ****************************************************************""".formatted(
                    root.relativize(composeFile), matcher.group(1).strip().toLowerCase(Locale.ROOT)));
            warnings.flush();
        }
    }
}
