package io.progy.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A student's local progress through a course, kept in {@code .progy/state.json} inside the course directory.
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "current": "01_basics/02_variables",
 *   "exercises": {
 *     "01_basics/01_hello": {"status": "done", "attempts": 2,
 *                            "first_passed_at": "2025-03-01T10:15:30Z", "last_attempt_at": "2025-03-01T10:15:30Z",
 *                            "hints_shown": 1,
 *                            "quiz": {"correct": 2, "total": 3, "taken_at": "2025-03-01T10:20:00Z"},
 *                            "rerun": true}
 *   }
 * }
 * }</pre>
 *
 * <p>Exercises are keyed by {@linkplain Exercise#id() id}. An exercise stays {@code done} once it has passed, even if
 * a later attempt fails. {@link #save(Path)} writes a temporary file next to {@code state.json}, forces it to disk and
 * moves it over the old one atomically, so a crash leaves either the old state or the new one, never a torn file.
 * {@link #load(Path)} is tolerant: a missing or unreadable file is an empty state, and unknown fields, unknown
 * statuses and bad timestamps are ignored field by field. The record is immutable: the {@code with...} methods return
 * a changed copy.
 *
 * @param current the id of the exercise the student is on, or {@code null}
 * @param exercises progress per exercise id, sorted by id; exercises never attempted may be absent
 */
public record ProgressState(String current, Map<String, ExerciseProgress> exercises) {

    /** The directory, inside the course directory, that holds local state (never packed or committed). */
    public static final String DIRECTORY = ".progy";
    /** The state file's name inside {@value #DIRECTORY}. */
    public static final String FILE_NAME = "state.json";
    /** The version of the state file written. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Whether an exercise has been solved. */
    public enum Status {
        /** Passed at least once. */
        DONE,
        /** Not passed yet. */
        PENDING;

        /** The JSON form: {@code done} or {@code pending}. */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Progress on one exercise.
     *
     * @param status done once it has passed
     * @param attempts how many times its check ran
     * @param firstPassedAt when it first passed, or {@code null}
     * @param lastAttemptAt when its check last ran, or {@code null}
     * @param hintsShown how many of the exercise's hints the student has asked for
     * @param quiz the last result of the exercise's quiz, or {@code null} if it was never taken
     * @param rerun a done exercise whose check changed in a course update since it passed: its check should run
     *     again (it stays done); cleared by the next pass. Always false for an exercise not done.
     */
    public record ExerciseProgress(
            Status status,
            int attempts,
            Instant firstPassedAt,
            Instant lastAttemptAt,
            int hintsShown,
            QuizScore quiz,
            boolean rerun) {

        /** An exercise never attempted. */
        public static final ExerciseProgress NOT_STARTED = new ExerciseProgress(Status.PENDING, 0, null, null);

        /** Creates the progress; {@code attempts} and {@code hintsShown} must not be negative. */
        public ExerciseProgress {
            Objects.requireNonNull(status, "status");
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts must not be negative");
            }
            if (hintsShown < 0) {
                throw new IllegalArgumentException("hintsShown must not be negative");
            }
            rerun = rerun && status == Status.DONE;
        }

        /** Progress without a pending re-run. */
        public ExerciseProgress(
                Status status,
                int attempts,
                Instant firstPassedAt,
                Instant lastAttemptAt,
                int hintsShown,
                QuizScore quiz) {
            this(status, attempts, firstPassedAt, lastAttemptAt, hintsShown, quiz, false);
        }

        /** Progress with no hints shown and no quiz taken. */
        public ExerciseProgress(Status status, int attempts, Instant firstPassedAt, Instant lastAttemptAt) {
            this(status, attempts, firstPassedAt, lastAttemptAt, 0, null);
        }

        /** Whether the exercise has passed. */
        public boolean done() {
            return status == Status.DONE;
        }
    }

    /**
     * The result of one quiz taken.
     *
     * @param correct how many questions were answered right
     * @param total how many questions the quiz has
     * @param takenAt when it was taken
     */
    public record QuizScore(int correct, int total, Instant takenAt) {
        /** Creates a score; {@code 0 <= correct <= total}. */
        public QuizScore {
            Objects.requireNonNull(takenAt, "takenAt");
            if (correct < 0 || total < 0 || correct > total) {
                throw new IllegalArgumentException("a quiz score needs 0 <= correct <= total");
            }
        }
    }

    /** Creates a state; the map is copied and sorted by id. */
    public ProgressState {
        exercises = Collections.unmodifiableMap(new TreeMap<>(exercises));
    }

    /** A state with no progress. */
    public static ProgressState empty() {
        return new ProgressState(null, Map.of());
    }

    /** Progress on one exercise; {@link ExerciseProgress#NOT_STARTED} if it was never attempted. */
    public ExerciseProgress exercise(String id) {
        return exercises.getOrDefault(id, ExerciseProgress.NOT_STARTED);
    }

    /** Whether the exercise has passed. */
    public boolean isDone(String id) {
        return exercise(id).done();
    }

    /**
     * Records one run of an exercise's check.
     *
     * @param id the exercise id
     * @param passed whether the check passed
     * @param at when it ran
     * @return the new state: one more attempt, {@code last_attempt_at} = {@code at}; if it passed for the first time,
     *     {@code done} and {@code first_passed_at} = {@code at}
     */
    public ProgressState withAttempt(String id, boolean passed, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        var before = exercise(id);
        var firstPass = before.done() ? before.firstPassedAt() : passed ? at : null;
        var after = new ExerciseProgress(
                before.done() || passed ? Status.DONE : Status.PENDING,
                before.attempts() + 1,
                firstPass,
                at,
                before.hintsShown(),
                before.quiz(),
                before.rerun() && !passed);
        return with(id, after);
    }

    /**
     * Marks an exercise done without counting an attempt: for a pass recorded elsewhere (on another of the
     * student's devices).
     *
     * @param id the exercise id
     * @param at when it passed, kept as {@code first_passed_at} unless the exercise was already done
     * @return the new state; this one when the exercise was already done
     */
    public ProgressState withDone(String id, Instant at) {
        Objects.requireNonNull(at, "at");
        var before = exercise(Objects.requireNonNull(id, "id"));
        if (before.done()) {
            return this;
        }
        return with(
                id,
                new ExerciseProgress(
                        Status.DONE,
                        before.attempts(),
                        at,
                        before.lastAttemptAt(),
                        before.hintsShown(),
                        before.quiz()));
    }

    /** The same progress with one more hint shown for {@code id}. */
    public ProgressState withHintShown(String id) {
        var before = exercise(Objects.requireNonNull(id, "id"));
        return with(
                id,
                new ExerciseProgress(
                        before.status(),
                        before.attempts(),
                        before.firstPassedAt(),
                        before.lastAttemptAt(),
                        before.hintsShown() + 1,
                        before.quiz(),
                        before.rerun()));
    }

    /** The same progress with {@code score} as the latest quiz result of {@code id}. */
    public ProgressState withQuiz(String id, QuizScore score) {
        var before = exercise(Objects.requireNonNull(id, "id"));
        return with(
                id,
                new ExerciseProgress(
                        before.status(),
                        before.attempts(),
                        before.firstPassedAt(),
                        before.lastAttemptAt(),
                        before.hintsShown(),
                        Objects.requireNonNull(score, "score"),
                        before.rerun()));
    }

    /**
     * Flags a done exercise for a re-run: a course update changed its check since it passed. It stays done; its next
     * pass clears the flag.
     *
     * @return the new state; this one when the exercise is not done or already flagged
     */
    public ProgressState withRerun(String id) {
        var before = exercise(Objects.requireNonNull(id, "id"));
        if (!before.done() || before.rerun()) {
            return this;
        }
        return with(
                id,
                new ExerciseProgress(
                        before.status(),
                        before.attempts(),
                        before.firstPassedAt(),
                        before.lastAttemptAt(),
                        before.hintsShown(),
                        before.quiz(),
                        true));
    }

    private ProgressState with(String id, ExerciseProgress progress) {
        var changed = new TreeMap<>(exercises);
        changed.put(id, progress);
        return new ProgressState(current, changed);
    }

    /** The same progress with {@code id} as the current exercise ({@code null} for none). */
    public ProgressState withCurrent(String id) {
        return new ProgressState(id, exercises);
    }

    /** The state file of a course directory: {@code <courseDir>/.progy/state.json}. */
    public static Path file(Path courseDir) {
        return courseDir.resolve(DIRECTORY).resolve(FILE_NAME);
    }

    /**
     * Reads a course's state, tolerantly (see the class description).
     *
     * @param courseDir the course directory
     * @return the state; empty if the file is missing or not a JSON object
     * @throws IOException if the file exists but cannot be read
     */
    public static ProgressState load(Path courseDir) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file(courseDir));
        } catch (NoSuchFileException e) {
            return empty();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            return empty();
        }
        if (root == null || !root.isObject()) {
            return empty();
        }
        var current = root.path("current").isTextual() ? root.get("current").asText() : null;
        var exercises = new TreeMap<String, ExerciseProgress>();
        var entries = root.path("exercises");
        if (entries.isObject()) {
            entries.fields().forEachRemaining(entry -> {
                if (entry.getValue().isObject()) {
                    exercises.put(entry.getKey(), progress(entry.getValue()));
                }
            });
        }
        return new ProgressState(current, exercises);
    }

    private static ExerciseProgress progress(JsonNode node) {
        var done = node.path("status").asText("").equals(Status.DONE.json());
        var attempts = node.path("attempts").canConvertToInt()
                ? Math.max(0, node.get("attempts").intValue())
                : 0;
        var firstPassedAt = instant(node.get("first_passed_at"));
        var hintsShown = node.path("hints_shown").canConvertToInt()
                ? Math.max(0, node.get("hints_shown").intValue())
                : 0;
        return new ExerciseProgress(
                done ? Status.DONE : Status.PENDING,
                attempts,
                done ? firstPassedAt : null,
                instant(node.get("last_attempt_at")),
                hintsShown,
                quiz(node.get("quiz")),
                node.path("rerun").asBoolean(false));
    }

    private static QuizScore quiz(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        var correct = node.path("correct");
        var total = node.path("total");
        var takenAt = instant(node.get("taken_at"));
        if (!correct.canConvertToInt() || !total.canConvertToInt() || takenAt == null) {
            return null;
        }
        var c = correct.intValue();
        var t = total.intValue();
        return c >= 0 && t >= 0 && c <= t ? new QuizScore(c, t, takenAt) : null;
    }

    private static Instant instant(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Writes this state to {@code <courseDir>/.progy/state.json} atomically, creating {@code .progy/} if needed.
     *
     * @throws IOException if it cannot be written; the previous file is then left as it was
     */
    public void save(Path courseDir) throws IOException {
        var target = file(courseDir);
        var dir = target.getParent();
        Files.createDirectories(dir);
        var temp = Files.createTempFile(dir, FILE_NAME + ".", ".tmp");
        try {
            try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                var buffer = ByteBuffer.wrap(toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** This state as the JSON document {@link #save(Path)} writes. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        if (current != null) {
            root.put("current", current);
        }
        var entries = root.putObject("exercises");
        exercises.forEach((id, progress) -> {
            var entry = entries.putObject(id);
            entry.put("status", progress.status().json());
            entry.put("attempts", progress.attempts());
            if (progress.firstPassedAt() != null) {
                entry.put("first_passed_at", progress.firstPassedAt().toString());
            }
            if (progress.lastAttemptAt() != null) {
                entry.put("last_attempt_at", progress.lastAttemptAt().toString());
            }
            if (progress.hintsShown() > 0) {
                entry.put("hints_shown", progress.hintsShown());
            }
            if (progress.quiz() != null) {
                var quiz = entry.putObject("quiz");
                quiz.put("correct", progress.quiz().correct());
                quiz.put("total", progress.quiz().total());
                quiz.put("taken_at", progress.quiz().takenAt().toString());
            }
            if (progress.rerun()) {
                entry.put("rerun", true);
            }
        });
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
