package io.progy.orchestrator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.orchestrator.registry.RegistryRecords.DailyDownloads;
import io.progy.orchestrator.registry.RegistryRecords.VersionDownloads;
import io.progy.orchestrator.registry.RegistryRecords.WeekDownloads;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownloadWeeksTest {

    @Test
    void weeksStartOnMonday() {
        assertThat(RegistryQueries.weekStart(LocalDate.parse("2026-01-18"))).isEqualTo("2026-01-12"); // a Sunday
        assertThat(RegistryQueries.weekStart(LocalDate.parse("2026-01-12"))).isEqualTo("2026-01-12");
    }

    @Test
    void sumsDaysIntoWeeksPerVersionHighestFirst() {
        var from = LocalDate.parse("2026-01-05");
        var weeks = RegistryQueries.weekly(
                List.of(
                        new DailyDownloads("1.0.0", LocalDate.parse("2026-01-05"), 2),
                        new DailyDownloads("1.0.0", LocalDate.parse("2026-01-11"), 3),
                        new DailyDownloads("1.10.0", LocalDate.parse("2026-01-07"), 1),
                        new DailyDownloads("1.9.0", LocalDate.parse("2026-01-07"), 4),
                        new DailyDownloads("1.0.0", LocalDate.parse("2026-01-19"), 6),
                        new DailyDownloads("1.0.0", LocalDate.parse("2026-01-04"), 100), // before the first week
                        new DailyDownloads("1.0.0", LocalDate.parse("2026-01-26"), 100)), // after the last
                from,
                3);
        assertThat(weeks)
                .containsExactly(
                        new WeekDownloads(
                                from,
                                10,
                                List.of(
                                        new VersionDownloads("1.10.0", 1),
                                        new VersionDownloads("1.9.0", 4),
                                        new VersionDownloads("1.0.0", 5))),
                        new WeekDownloads(LocalDate.parse("2026-01-12"), 0, List.of()),
                        new WeekDownloads(LocalDate.parse("2026-01-19"), 6, List.of(new VersionDownloads("1.0.0", 6))));
    }
}
