package io.progy.orchestrator.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.orchestrator.progress.ExerciseProgress.Check;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExerciseProgressTest {

    static final Instant T0 = Instant.parse("2026-01-15T09:30:00Z");

    @Test
    void theFirstPassCountsTheAttemptsBeforeIt() {
        var progress = ExerciseProgress.of(
                "01_a/01_b",
                List.of(
                        new Check("1.0.0", false, T0),
                        new Check("1.0.0", false, T0.plusSeconds(10)),
                        new Check("1.0.0", true, T0.plusSeconds(20)),
                        new Check("1.1.0", false, T0.plusSeconds(30))));
        assertThat(progress)
                .isEqualTo(new ExerciseProgress(
                        "01_a/01_b", "passed", 4, T0, T0.plusSeconds(20), 3, T0.plusSeconds(30), "1.1.0"));
    }

    @Test
    void withoutAPassItIsStarted() {
        var progress = ExerciseProgress.of("01_a/01_b", List.of(new Check("1.0.0", false, T0)));
        assertThat(progress).isEqualTo(new ExerciseProgress("01_a/01_b", "started", 1, T0, null, null, T0, "1.0.0"));
    }
}
