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
 * Runs the check of one exercise as the course's {@code runner} says: a local process, or a Docker container when
 * the runner has {@code docker}. Whatever the check does, the answer is a {@link CheckResult}: a check that cannot
 * start, times out or prints nothing parseable still gives a valid result.
 *
 * <pre>{@code
 * var runner = CheckRunner.forCourse(courseDir, env, System.err);
 * CheckResult result = runner.run(courseDir, exercise);
 * }</pre>
 */
public sealed interface CheckRunner permits LocalProcessRunner, DockerRunner {

    /**
     * Runs the check of {@code exercise}, from the course root.
     *
     * @param courseDir the course root (the directory holding {@code course.json})
     * @param exercise an exercise of that course
     * @return the result; {@code error} if the check could not start or timed out
     * @throws CliException with exit code 2 if {@code courseDir} is not a course directory or the exercise lies
     *     outside it; with exit code 5 if the course needs Docker and Docker is missing or its daemon is down
     */
    CheckResult run(Path courseDir, Exercise exercise);

    /** The runner this course's {@code course.json} declares. */
    static CheckRunner forCourse(Path courseDir, Map<String, String> env, PrintStream warnings) {
        var manifest = CourseManifest.read(courseDir.resolve(CourseManifest.FILE_NAME));
        var spec = manifest.runner()
                .orElseThrow(() -> CliException.usage(
                        "course.json has no \"runner\": this course does not say how to check its exercises"));
        return of(spec, env, warnings);
    }

    /**
     * A runner for {@code spec}.
     *
     * @param env the environment progy runs in: {@code PATH} finds the programs (and {@code docker}); it is
     *     scrubbed of tokens and credentials before a check sees it
     * @param warnings where to print the banner shown when a container is given network access
     */
    static CheckRunner of(RunnerSpec spec, Map<String, String> env, PrintStream warnings) {
        if (spec.docker() != null) {
            return new DockerRunner(spec, env, warnings);
        }
        return new LocalProcessRunner(spec, env);
    }
}
