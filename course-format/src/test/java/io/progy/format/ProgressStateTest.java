package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.progy.format.ProgressState.ExerciseProgress;
import io.progy.format.ProgressState.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProgressStateTest {

    private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2025-03-01T10:05:00Z");
    private static final Instant T3 = Instant.parse("2025-03-02T08:00:00.123Z");

    @TempDir
    Path course;

    @Test
    void aCourseWithoutStateHasNoProgress() throws IOException {
        var state = ProgressState.load(course);

        assertThat(state).isEqualTo(ProgressState.empty());
        assertThat(state.current()).isNull();
        assertThat(state.exercise("01_basics/01_hello")).isEqualTo(ExerciseProgress.NOT_STARTED);
        assertThat(state.isDone("01_basics/01_hello")).isFalse();
    }

    @Test
    void aPassFromAnotherDeviceMarksDoneWithoutAnAttempt() {
        var state = ProgressState.empty()
                .withAttempt("01_basics/01_hello", false, T1)
                .withHintShown("01_basics/01_hello");

        var done = state.withDone("01_basics/01_hello", T2);

        assertThat(done.exercise("01_basics/01_hello"))
                .isEqualTo(new ExerciseProgress(Status.DONE, 1, T2, T1, 1, null));
        assertThat(done.withDone("01_basics/01_hello", T3)).isSameAs(done);
        assertThat(done.withDone("01_basics/02_vars", T3).exercise("01_basics/02_vars"))
                .isEqualTo(new ExerciseProgress(Status.DONE, 0, T3, null));
    }

    @Test
    void countsAttemptsAndKeepsTheFirstPass() {
        var state = ProgressState.empty()
                .withAttempt("m/a", false, T1)
                .withAttempt("m/a", true, T2)
                .withAttempt("m/a", false, T3);

        assertThat(state.exercise("m/a")).isEqualTo(new ExerciseProgress(Status.DONE, 3, T2, T3));
        assertThat(state.isDone("m/a")).isTrue();
        assertThat(ProgressState.empty().withAttempt("m/b", false, T1).exercise("m/b"))
                .isEqualTo(new ExerciseProgress(Status.PENDING, 1, null, T1));
    }

    @Test
    void keepsHintsShownAndTheLatestQuizScoreAcrossAttempts() throws IOException {
        var state = ProgressState.empty()
                .withHintShown("m/a")
                .withAttempt("m/a", false, T1)
                .withHintShown("m/a")
                .withQuiz("m/a", new ProgressState.QuizScore(1, 3, T1))
                .withQuiz("m/a", new ProgressState.QuizScore(3, 3, T2))
                .withAttempt("m/a", true, T3);

        assertThat(state.exercise("m/a"))
                .isEqualTo(new ExerciseProgress(Status.DONE, 2, T3, T3, 2, new ProgressState.QuizScore(3, 3, T2)));
        state.save(course);
        assertThat(Files.readString(ProgressState.file(course)))
                .contains("\"hints_shown\" : 2")
                .contains("\"correct\" : 3");
        assertThat(ProgressState.load(course)).isEqualTo(state);
    }

    @Test
    void ignoresAQuizScoreThatDoesNotAddUp() throws IOException {
        Files.createDirectories(course.resolve(".progy"));
        Files.writeString(ProgressState.file(course), """
                {"exercises": {"m/a": {"status": "pending", "hints_shown": -2,
                                       "quiz": {"correct": 4, "total": 3, "taken_at": "2025-03-01T10:00:00Z"}}}}
                """);
        assertThat(ProgressState.load(course).exercise("m/a")).isEqualTo(ExerciseProgress.NOT_STARTED);
    }

    @Test
    void aRerunFlagStaysUntilTheNextPassAndOnlyOnDoneExercises() throws IOException {
        var state = ProgressState.empty()
                .withAttempt("m/a", true, T1)
                .withAttempt("m/b", false, T1)
                .withRerun("m/a")
                .withRerun("m/b")
                .withRerun("m/never");
        assertThat(state.exercise("m/a").rerun()).isTrue();
        assertThat(state.exercise("m/b").rerun())
                .as("not done: nothing to re-run")
                .isFalse();
        assertThat(state.exercises()).doesNotContainKey("m/never");

        var failedAgain = state.withAttempt("m/a", false, T2).withHintShown("m/a");
        assertThat(failedAgain.exercise("m/a").rerun()).isTrue();
        assertThat(failedAgain.exercise("m/a").done()).isTrue();
        failedAgain.save(course);
        assertThat(Files.readString(ProgressState.file(course))).contains("\"rerun\" : true");
        assertThat(ProgressState.load(course)).isEqualTo(failedAgain);

        var passed = failedAgain.withAttempt("m/a", true, T2);
        assertThat(passed.exercise("m/a").rerun()).isFalse();
        passed.save(course);
        assertThat(Files.readString(ProgressState.file(course))).doesNotContain("rerun");
    }

    @Test
    void savesAndLoadsTheSameState() throws IOException {
        var state = ProgressState.empty()
                .withAttempt("01_basics/01_hello", true, T1)
                .withAttempt("01_módulo/02 olá mundo", false, T3)
                .withCurrent("01_módulo/02 olá mundo");

        state.save(course);

        assertThat(ProgressState.file(course)).isEqualTo(course.resolve(".progy/state.json"));
        assertThat(ProgressState.load(course)).isEqualTo(state);
    }

    @Test
    void writesTheDocumentedShape() throws IOException {
        ProgressState.empty()
                .withAttempt("m/b", false, T1)
                .withAttempt("m/a", true, T2)
                .withCurrent("m/b")
                .save(course);

        assertThat(Files.readString(ProgressState.file(course))).isEqualToIgnoringWhitespace("""
                        {"version": 1, "current": "m/b", "exercises": {
                          "m/a": {"status": "done", "attempts": 1, "first_passed_at": "2025-03-01T10:05:00Z",
                                  "last_attempt_at": "2025-03-01T10:05:00Z"},
                          "m/b": {"status": "pending", "attempts": 1, "last_attempt_at": "2025-03-01T10:00:00Z"}}}
                        """);
    }

    @Test
    void savingReplacesTheFileAndLeavesNoTemporaryFiles() throws IOException {
        ProgressState.empty().withAttempt("m/a", false, T1).save(course);
        ProgressState.empty().withAttempt("m/a", true, T2).save(course);

        assertThat(ProgressState.load(course).isDone("m/a")).isTrue();
        try (Stream<Path> files = Files.list(course.resolve(".progy"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("state.json");
        }
    }

    @Test
    void aFailedSaveLeavesNoTemporaryFileBehind() throws IOException {
        var blocker = ProgressState.file(course).resolve("in-the-way");
        Files.createDirectories(blocker);

        assertThatThrownBy(() -> ProgressState.empty().withCurrent("m/a").save(course))
                .isInstanceOf(IOException.class);

        try (Stream<Path> files = Files.list(course.resolve(".progy"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("state.json");
        }
        assertThat(blocker).isDirectory();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1, 2]", "\"text\"", "null", "\u0000\u0001binary"})
    void anUnreadableStateIsEmpty(String content) throws IOException {
        write(content);

        assertThat(ProgressState.load(course)).isEqualTo(ProgressState.empty());
    }

    @Test
    void readsWhatItCanAndIgnoresTheRest() throws IOException {
        write("""
                {"version": 7, "current": 5, "future": {"x": 1},
                 "exercises": {
                   "m/a": {"status": "done", "attempts": 2, "first_passed_at": "yesterday",
                           "last_attempt_at": "2025-03-01T10:00:00Z", "streak": 3},
                   "m/b": {"status": "skipped", "attempts": -4},
                   "m/c": {"status": "pending", "attempts": "many", "first_passed_at": "2025-03-01T10:00:00Z"},
                   "m/d": "done"
                 }}
                """);

        var state = ProgressState.load(course);

        assertThat(state.current()).isNull();
        assertThat(state.exercises())
                .isEqualTo(Map.of(
                        "m/a", new ExerciseProgress(Status.DONE, 2, null, T1),
                        "m/b", new ExerciseProgress(Status.PENDING, 0, null, null),
                        "m/c", new ExerciseProgress(Status.PENDING, 0, null, null)));
    }

    private void write(String content) throws IOException {
        Files.createDirectories(course.resolve(".progy"));
        Files.writeString(ProgressState.file(course), content);
    }
}
