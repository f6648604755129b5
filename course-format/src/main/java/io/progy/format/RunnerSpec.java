package io.progy.format;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a course checks an exercise: the {@code runner} object of {@code course.json}, or one entry of Progy's
 * {@code runners} array.
 *
 * <pre>{@code
 * "runner": {
 *   "command": ["java", "{{exercise}}/Check.java", "{{exercise}}"],
 *   "timeout_seconds": 10,
 *   "docker": {"image": "eclipse-temurin:21", "network": false, "memory": "512m", "cpus": 1, "pids": 256}
 * }
 *
 * "runners": [
 *   {"id": "local", "name": "Local", "type": "process", "command": "python3 runner/check.py", "args": ["{{exercise}}"],
 *    "cwd": "."},
 *   {"id": "docker", "type": "docker-file", "dockerfile": "Dockerfile", "image_tag": "my-course:1",
 *    "command": "python3 /workspace/runner/check.py {{exercise}}", "args": [], "cwd": "."},
 *   {"id": "db", "type": "docker-compose", "compose_file": "docker-compose.yml", "service_to_run": "runner",
 *    "command": "python3 /app/runner.py {{exercise}}", "args": [], "cwd": "."}
 * ]
 * }</pre>
 *
 * <p>The command is an argument list, run from {@link #cwd()} (relative to the course root) without a shell: nothing
 * is ever quoted or globbed. Progy's string {@code command} is split into words once, when the manifest is read
 * ({@code 'single'} and {@code "double"} quotes group words), and its {@code args} are appended. In each argument the
 * placeholders {@value #EXERCISE} (the exercise directory relative to the course root, {@code /}-separated, e.g.
 * {@code content/01_basics/01_hello}) and {@value #COURSE} (the course root) are replaced by
 * {@link #arguments(String, String)}; no other {@code {{...}}} is allowed. The rules
 * {@link CourseManifest#parse(byte[])} enforces:
 *
 * <ul>
 *   <li>{@code command} (required): a non-empty array of non-empty strings (Progy's {@code runners}: a string); the
 *       first one, the program, may not contain a {@code ..} path segment, and a program given as a path must stay
 *       inside the course (for a {@code process} runner: not absolute).
 *   <li>{@code timeout_seconds}: a whole number from {@value #MIN_TIMEOUT_SECONDS} to {@value #MAX_TIMEOUT_SECONDS};
 *       {@value #DEFAULT_TIMEOUT_SECONDS} when absent.
 *   <li>{@code docker}: optional, see {@link Docker}.
 *   <li>No other fields (a misspelt {@code timeout} would otherwise be silently ignored).
 * </ul>
 *
 * The first runner of a course is its default ({@code runner} before any of {@code runners}); a student may pick
 * another by its {@link #id()}.
 *
 * @param id the runner's id: {@value #DEFAULT_ID} for the {@code runner} object, the {@code id} of a {@code runners}
 *     entry
 * @param name a name to show, or {@code null}
 * @param type how the command runs
 * @param command the command template, never empty
 * @param cwd the directory the command runs from, relative to the course root and {@code /}-separated; {@code "."}
 *     for the root
 * @param timeoutSeconds how long one check may run before it is stopped and reported as timed out
 * @param docker the container to run the command in ({@link Type#DOCKER_IMAGE} and {@link Type#DOCKER_FILE}, whose
 *     image is the one built), or {@code null}
 * @param dockerfile the Dockerfile to build the image from, relative to the course root ({@link Type#DOCKER_FILE}),
 *     or {@code null}
 * @param compose the Compose file and service ({@link Type#DOCKER_COMPOSE}), or {@code null}
 */
public record RunnerSpec(
        String id,
        String name,
        Type type,
        List<String> command,
        String cwd,
        int timeoutSeconds,
        Docker docker,
        String dockerfile,
        Compose compose) {

    /** Placeholder for the exercise directory, relative to the course root. */
    public static final String EXERCISE = "{{exercise}}";
    /** Placeholder for the course root directory. */
    public static final String COURSE = "{{course}}";
    /** The id of the {@code runner} object. */
    public static final String DEFAULT_ID = "default";
    /** The timeout when {@code timeout_seconds} is absent. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
    /** The shortest allowed timeout. */
    public static final int MIN_TIMEOUT_SECONDS = 1;
    /** The longest allowed timeout. */
    public static final int MAX_TIMEOUT_SECONDS = 120;

    /** How a runner's command runs. */
    public enum Type {
        /** A local process. */
        PROCESS("process"),
        /** In a container of a given image ({@code runner.docker}). */
        DOCKER_IMAGE("docker-image"),
        /** In a container of an image built from the course's Dockerfile. */
        DOCKER_FILE("docker-file"),
        /** In a service of the course's Docker Compose file. */
        DOCKER_COMPOSE("docker-compose");

        private final String json;

        Type(String json) {
            this.json = json;
        }

        /** The name in {@code course.json}: {@code process}, {@code docker-file}, ... */
        public String json() {
            return json;
        }
    }

    /**
     * The Compose project a {@link Type#DOCKER_COMPOSE} runner uses.
     *
     * @param file the Compose file, relative to the course root
     * @param service the service the command runs in
     */
    public record Compose(String file, String service) {
        /** Creates the options; both are required. */
        public Compose {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(service, "service");
        }
    }

    /**
     * Creates a runner; use {@link CourseManifest#runners()} to read them from a course.
     *
     * @throws IllegalArgumentException if the command is empty, the timeout out of range, or the options do not fit
     *     the type
     */
    public RunnerSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(cwd, "cwd");
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a runner command needs at least the program to run");
        }
        if (timeoutSeconds < MIN_TIMEOUT_SECONDS || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("timeout_seconds must be between " + MIN_TIMEOUT_SECONDS + " and "
                    + MAX_TIMEOUT_SECONDS + ", not " + timeoutSeconds);
        }
        if ((docker != null) != (type == Type.DOCKER_IMAGE || type == Type.DOCKER_FILE)
                || (dockerfile != null) != (type == Type.DOCKER_FILE)
                || (compose != null) != (type == Type.DOCKER_COMPOSE)) {
            throw new IllegalArgumentException("the options of a " + type.json() + " runner do not fit its type");
        }
    }

    /** The {@code runner} object of our own format: a local process, or a container of {@code docker}'s image. */
    public RunnerSpec(List<String> command, int timeoutSeconds, Docker docker) {
        this(
                DEFAULT_ID,
                null,
                docker == null ? Type.PROCESS : Type.DOCKER_IMAGE,
                command,
                ".",
                timeoutSeconds,
                docker,
                null,
                null);
    }

    /** The name to show: {@link #name()}, or the id. */
    public String label() {
        return name == null ? id : name;
    }

    /** {@link #timeoutSeconds()} as a duration. */
    public Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /**
     * The command for one exercise: every placeholder replaced, one argument per template element (an exercise path
     * with spaces stays one argument). Replacement is a single pass, so a placeholder-like text inside a value is
     * never expanded again.
     *
     * @param exercisePath the exercise directory relative to the course root, {@code /}-separated, such as
     *     {@link Exercise#path()}; must not be absolute or contain {@code ..}
     * @param coursePath what {@value #COURSE} stands for: the course root as the command will see it (the absolute
     *     course directory for a local process, the mount point inside a container)
     * @return the argument list, program first
     * @throws IllegalArgumentException if {@code exercisePath} is absolute or leaves the course
     */
    public List<String> arguments(String exercisePath, String coursePath) {
        Objects.requireNonNull(exercisePath, "exercisePath");
        Objects.requireNonNull(coursePath, "coursePath");
        if (exercisePath.startsWith("/") || exercisePath.contains("\\") || hasParentSegment(exercisePath)) {
            throw new IllegalArgumentException(
                    "the exercise path must be relative to the course root, '/'-separated and without '..': "
                            + exercisePath);
        }
        var arguments = new ArrayList<String>(command.size());
        for (var template : command) {
            arguments.add(expand(template, exercisePath, coursePath));
        }
        return List.copyOf(arguments);
    }

    /**
     * The command for one exercise run as a local process: {@value #EXERCISE} is {@link Exercise#path()} and
     * {@value #COURSE} the absolute course directory.
     *
     * @see #arguments(String, String)
     */
    public List<String> arguments(Exercise exercise, Path courseDir) {
        return arguments(exercise.path(), courseDir.toAbsolutePath().normalize().toString());
    }

    private static String expand(String template, String exercise, String course) {
        var out = new StringBuilder(template.length() + exercise.length());
        var i = 0;
        while (i < template.length()) {
            if (template.startsWith(EXERCISE, i)) {
                out.append(exercise);
                i += EXERCISE.length();
            } else if (template.startsWith(COURSE, i)) {
                out.append(course);
                i += COURSE.length();
            } else {
                out.append(template.charAt(i++));
            }
        }
        return out.toString();
    }

    static boolean hasParentSegment(String path) {
        for (var segment : path.split("[/\\\\]", -1)) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The container a check runs in: the {@code runner.docker} object. Limits left out take the defaults below, so
     * a check in a container is always limited.
     *
     * <ul>
     *   <li>{@code image} (required): an image reference such as {@code eclipse-temurin:21}; no whitespace, not
     *       starting with {@code -}.
     *   <li>{@code network}: {@code true} to give the container network access; {@code false} (the default) runs it
     *       with no network at all.
     *   <li>{@code memory}: a positive whole number with an optional unit {@code b}, {@code k}, {@code m} or
     *       {@code g} (Docker's {@code --memory}); default {@value #DEFAULT_MEMORY}.
     *   <li>{@code cpus}: a number of CPUs greater than 0 and at most {@value #MAX_CPUS}, as a JSON number or a
     *       string such as {@code "1.5"} (Docker's {@code --cpus}); default {@value #DEFAULT_CPUS}.
     *   <li>{@code pids}: the most processes and threads, a whole number from 1 to {@value #MAX_PIDS} (Docker's
     *       {@code --pids-limit}); default {@value #DEFAULT_PIDS}.
     * </ul>
     *
     * @param image the image reference
     * @param network whether the container may use the network
     * @param memory the memory limit in Docker's notation
     * @param cpus the CPU limit as a plain decimal, such as {@code 1} or {@code 1.5}
     * @param pids the process limit
     */
    public record Docker(String image, boolean network, String memory, String cpus, int pids) {

        /** Memory limit when {@code memory} is absent. */
        public static final String DEFAULT_MEMORY = "512m";
        /** CPU limit when {@code cpus} is absent. */
        public static final String DEFAULT_CPUS = "1";
        /** Process limit when {@code pids} is absent. */
        public static final int DEFAULT_PIDS = 256;
        /** Highest allowed {@code cpus}. */
        public static final int MAX_CPUS = 64;
        /** Highest allowed {@code pids}. */
        public static final int MAX_PIDS = 32768;

        /** Creates the options; all are required here (the reader fills in the defaults). */
        public Docker {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(memory, "memory");
            Objects.requireNonNull(cpus, "cpus");
        }
    }
}
