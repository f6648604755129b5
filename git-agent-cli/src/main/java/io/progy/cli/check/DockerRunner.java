package io.progy.cli.check;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.format.CheckResult;
import io.progy.format.Exercise;
import io.progy.format.RunnerSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a check in a Docker container, hardened: no network unless the course asks (then a warning banner), the
 * course mounted read-only at {@value #MOUNT} ({@value #PROGY_MOUNT} for Progy's {@code docker-file} runners, as
 * Progy mounted it), a read-only root file system with a small {@code /tmp}, a non-root user, no capabilities, no
 * privilege escalation, and the course's memory, CPU and process limits. A {@code docker-file} runner's image is built
 * from the course's Dockerfile, once, before the first check (outside its timeout). At the timeout the container is
 * killed by name, not only the {@code docker} client.
 */
final class DockerRunner implements CheckRunner {
    /** Where the course directory appears inside the container. */
    static final String MOUNT = "/course";
    /** Where a {@code docker-file} runner finds the course: Progy's {@code /workspace}. */
    static final String PROGY_MOUNT = "/workspace";
    /** The user the check runs as inside the container: never root. */
    static final String USER = "1000:1000";

    static final Duration DOCKER_INFO_TIMEOUT = Duration.ofSeconds(15);
    /** Pulling and building happen before the check, so the check's own timeout never includes them. */
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RunnerSpec spec;
    private final Map<String, String> env;
    private final PrintStream warnings;
    private boolean ready;

    DockerRunner(RunnerSpec spec, Map<String, String> env, PrintStream warnings) {
        this.spec = spec;
        this.env = CheckEnvironment.scrub(env);
        this.warnings = warnings;
        if (spec.docker().network()) {
            warnings.println("""
                    WARNING ****************************************************************
                    WARNING  This course's checks run with NETWORK ACCESS (runner.docker.network).
                    WARNING  Code in the exercises can reach the internet and your local network.
                    WARNING ****************************************************************""");
            warnings.flush();
        }
    }

    @Override
    public RunnerSpec spec() {
        return spec;
    }

    @Override
    public CheckResult run(Path courseDir, Exercise exercise, OutputListener listener) {
        var dirs = CheckDirectories.confine(courseDir, exercise);
        var root = dirs.root();
        dirs.workDir(spec.cwd()); // it must exist inside the course
        var resultsFile = dirs.freshResultsFile();
        var docker = requireDocker(dirs);
        var name = "progy-check-" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        var command = command(docker.toString(), name, root, exercise);
        CheckProcess.Outcome outcome;
        try {
            outcome = CheckProcess.run(command, root, env, spec.timeout(), () -> kill(docker, name, root), listener);
        } catch (IOException e) {
            return CheckResult.error("cannot run the check: " + e.getMessage(), null);
        }
        return CheckResult.fromProcess(
                outcome.exitCode(), outcome.output(), outcome.timedOut(), spec.timeoutSeconds(), resultsFile);
    }

    /** The {@code docker run} command line for one check. */
    List<String> command(String docker, String containerName, Path root, Exercise exercise) {
        var options = spec.docker();
        requireMountable(root);
        var command = new ArrayList<String>();
        command.add(docker);
        command.add("run");
        command.add("--rm");
        command.add("--name");
        command.add(containerName);
        if (!options.network()) {
            command.add("--network");
            command.add("none");
        }
        command.add("--read-only");
        command.add("--tmpfs");
        command.add("/tmp:rw,nosuid,nodev,size=256m");
        var mount = mountPoint();
        command.add("-v");
        command.add(root + ":" + mount + ":ro");
        command.add("-w");
        command.add(spec.cwd().equals(".") ? mount : mount + "/" + spec.cwd());
        command.add("-e");
        command.add("HOME=/tmp");
        command.add("--user");
        command.add(USER);
        command.add("--memory");
        command.add(options.memory());
        command.add("--cpus");
        command.add(options.cpus());
        command.add("--pids-limit");
        command.add(Integer.toString(options.pids()));
        command.add("--security-opt");
        command.add("no-new-privileges");
        command.add("--cap-drop");
        command.add("ALL");
        command.add(options.image());
        command.addAll(spec.arguments(exercise.path(), mount));
        return command;
    }

    private String mountPoint() {
        return spec.type() == RunnerSpec.Type.DOCKER_FILE ? PROGY_MOUNT : MOUNT;
    }

    /**
     * The {@code docker} program, once its daemon answered and the image is present (pulled here, outside the
     * check's timeout, if it is not); exit 5 when Docker is missing, its daemon does not answer or the pull fails.
     */
    private Path requireDocker(CheckDirectories dirs) {
        var root = dirs.root();
        var docker = findDocker(spec, env, root);
        if (!ready) {
            requireDaemon(docker, root, env);
            var image = spec.docker().image();
            var present = docker(docker, root, DOCKER_INFO_TIMEOUT, "image", "inspect", image)
                            .exitCode()
                    == 0;
            if (!present && spec.type() == RunnerSpec.Type.DOCKER_FILE) {
                var dockerfile = dirs.courseFile(root.resolve(spec.dockerfile()), "the Dockerfile");
                warnings.println("Building " + image + " from " + spec.dockerfile()
                        + ", the image this course's checks run in (once)…");
                warnings.flush();
                var build = docker(
                        docker, root, PULL_TIMEOUT, "build", "-t", image, "-f", dockerfile.toString(), root.toString());
                if (build.timedOut() || build.exitCode() != 0) {
                    var last =
                            build.output().strip().lines().reduce((a, b) -> b).orElse("no output");
                    throw new CliException(
                            ExitCode.UNAVAILABLE,
                            "cannot build the image " + image + " from " + spec.dockerfile() + ": " + last);
                }
            } else if (!present) {
                warnings.println("Pulling " + image + ", the image this course's checks run in…");
                warnings.flush();
                var pull = docker(docker, root, PULL_TIMEOUT, "pull", image);
                if (pull.timedOut() || pull.exitCode() != 0) {
                    var last = pull.output().strip().lines().reduce((a, b) -> b).orElse("no output");
                    throw new CliException(ExitCode.UNAVAILABLE, "cannot pull the image " + image + ": " + last);
                }
            }
            ready = true;
        }
        return docker;
    }

    /** Exit 2 when Docker cannot mount {@code root}: its {@code -v} syntax has no escape for ':' and ','. */
    static void requireMountable(Path root) {
        if (root.toString().contains(":") || root.toString().contains(",")) {
            throw CliException.usage("the course directory's path contains ':' or ',', which Docker cannot mount: "
                    + root + " (move the course to another directory)");
        }
    }

    /** The {@code docker} program on the {@code PATH}; exit 5 when there is none. */
    static Path findDocker(RunnerSpec spec, Map<String, String> env, Path root) {
        return CheckEnvironment.findProgram("docker", env, root)
                .orElseThrow(() -> new CliException(
                        ExitCode.UNAVAILABLE,
                        "this course checks exercises in Docker (" + spec.type().json() + " runner " + spec.id()
                                + "), but the docker command was not found on the PATH: install Docker"
                                + " (https://docs.docker.com/get-docker/)"));
    }

    /** Exit 5 unless {@code docker info} answers: the daemon is running. */
    static void requireDaemon(Path docker, Path root, Map<String, String> env) {
        var info = docker(docker, root, env, DOCKER_INFO_TIMEOUT, "info");
        if (info.timedOut() || info.exitCode() != 0) {
            var detail = info.output()
                    .lines()
                    .filter(line -> line.contains("Cannot connect")
                            || line.toLowerCase(Locale.ROOT).contains("error"))
                    .findFirst()
                    .orElse(info.timedOut() ? "docker info did not answer" : "docker info failed");
            throw new CliException(
                    ExitCode.UNAVAILABLE,
                    "Docker is not running, so this course's checks cannot run: " + detail.strip()
                            + " (start Docker, then try again)");
        }
    }

    private void kill(Path docker, String name, Path root) {
        try {
            CheckProcess.run(List.of(docker.toString(), "kill", name), root, env, DOCKER_INFO_TIMEOUT, null);
        } catch (IOException e) {
            // best effort: the client is already killed and the timeout is reported either way
        }
    }

    private CheckProcess.Outcome docker(Path docker, Path root, Duration timeout, String... args) {
        return docker(docker, root, env, timeout, args);
    }

    /** Runs {@code docker args...}; exit 5 when it cannot start. */
    static CheckProcess.Outcome docker(
            Path docker, Path root, Map<String, String> env, Duration timeout, String... args) {
        var command = new ArrayList<String>();
        command.add(docker.toString());
        command.addAll(List.of(args));
        try {
            return CheckProcess.run(command, root, env, timeout, null);
        } catch (IOException e) {
            throw new CliException(ExitCode.UNAVAILABLE, "cannot run docker: " + e.getMessage(), e);
        }
    }
}
