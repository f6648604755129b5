package io.progy.cli.check;

import io.progy.cli.CliException;
import io.progy.format.CheckResult;
import io.progy.format.CourseManifest;
import io.progy.format.Exercise;
import io.progy.format.RunnerSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the check of one exercise as one of the course's runners says: a local process, a Docker container of a given
 * image or of an image built from the course's Dockerfile, or a Docker Compose service. Whatever the check does, the
 * answer is a {@link CheckResult}: a check that cannot start, times out or prints nothing parseable still gives a
 * valid result.
 *
 * <pre>{@code
 * var runner = CheckRunner.forCourse(courseDir, null, env, System.err);   // the course's default runner
 * CheckResult result = runner.run(courseDir, exercise);
 * }</pre>
 */
public sealed interface CheckRunner permits LocalProcessRunner, DockerRunner, ComposeRunner {

    /** The runner's description from {@code course.json}. */
    RunnerSpec spec();

    /**
     * Runs the check of {@code exercise}.
     *
     * @param courseDir the course root (the directory holding {@code course.json})
     * @param exercise an exercise of that course
     * @param listener told what the check prints while it runs, or {@code null}
     * @return the result; {@code error} if the check could not start or timed out
     * @throws CliException with exit code 2 if {@code courseDir} is not a course directory or the exercise lies
     *     outside it; with exit code 5 if the course needs Docker and Docker is missing or its daemon is down
     */
    CheckResult run(Path courseDir, Exercise exercise, OutputListener listener);

    /** Runs the check of {@code exercise} without watching its output, see {@link #run(Path, Exercise, OutputListener)}. */
    default CheckResult run(Path courseDir, Exercise exercise) {
        return run(courseDir, exercise, null);
    }

    /** The course's default runner. */
    static CheckRunner forCourse(Path courseDir, Map<String, String> env, PrintStream warnings) {
        return forCourse(courseDir, null, env, warnings);
    }

    /**
     * The runner {@code runnerId} names, or the course's default runner when it is {@code null}.
     *
     * @throws CliException with exit code 2 when the course has no runner or none with that id
     */
    static CheckRunner forCourse(Path courseDir, String runnerId, Map<String, String> env, PrintStream warnings) {
        var manifest = CourseManifest.readLenient(courseDir.resolve(CourseManifest.FILE_NAME));
        return of(select(manifest, runnerId), env, warnings);
    }

    /** The runner {@code runnerId} names, or the default one; exit 2 when there is none. */
    static RunnerSpec select(CourseManifest manifest, String runnerId) {
        if (runnerId == null) {
            return manifest.runner()
                    .orElseThrow(() -> CliException.usage(
                            "course.json has no \"runner\": this course does not say how to check its exercises"));
        }
        return manifest.runner(runnerId)
                .orElseThrow(() -> CliException.usage("this course has no runner '" + runnerId + "'; its runners are "
                        + String.join(
                                ", ",
                                manifest.runners().stream()
                                        .map(r -> r.id() + (r.name() == null ? "" : " (" + r.name() + ")"))
                                        .toList())));
    }

    /**
     * A runner for {@code spec}.
     *
     * @param env the environment progy runs in: {@code PATH} finds the programs (and {@code docker}); it is
     *     scrubbed of tokens and credentials before a check sees it
     * @param warnings where to print the banner shown when a container is given network access, and image builds
     */
    static CheckRunner of(RunnerSpec spec, Map<String, String> env, PrintStream warnings) {
        return switch (spec.type()) {
            case PROCESS -> new LocalProcessRunner(spec, env);
            case DOCKER_IMAGE, DOCKER_FILE -> new DockerRunner(spec, env, warnings);
            case DOCKER_COMPOSE -> new ComposeRunner(spec, env, warnings);
        };
    }
}
