package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerTest {

    private static final List<String> PUBLISHED =
            List.of("0.9.0", "1.0.0", "1.2.0", "1.2.3", "1.2.9", "1.3.0", "1.9.1", "2.0.0-beta.1", "2.0.0-beta.2");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0",
                "1.2.3",
                "10.20.30",
                "1.0.0-alpha",
                "1.0.0-alpha.1",
                "1.0.0-0.3.7",
                "1.0.0-x.7.z.92",
                "1.0.0+20130313144700",
                "1.0.0-beta+exp.sha.5114f85",
                "1.0.0-x-y-z.--"
            })
    void acceptsStrictVersions(String version) {
        assertThat(SemVer.isValid(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1",
                "1.2",
                "v1.2.3",
                "01.2.3",
                "1.02.3",
                "1.2.03",
                " 1.2.3",
                "1.2.3 ",
                "1.2.3-",
                "1.2.3+",
                "1.2.3-01",
                "1.2.3-beta..1",
                "1.2.3.4",
                "latest",
                "^1.2.3",
                "99999999999.0.0",
                "1.2.3-be_ta"
            })
    void rejectsEverythingElse(String version) {
        assertThat(SemVer.isValid(version)).isFalse();
    }

    @Test
    void limitsTheLengthOfUntrustedInput() {
        var longVersion = "1.0.0-" + "a".repeat(250);
        assertThat(SemVer.isValid(longVersion)).isTrue();
        assertThat(SemVer.isValid(longVersion + "aaaa")).isFalse();
        assertThat(SemVer.isValidRange(">=1.0.0 " + " ".repeat(300) + "<2")).isFalse();
        assertThat(SemVer.isValidRange("1.2.3-" + "1".repeat(100_000) + "!")).isFalse();
    }

    @Test
    void nullIsNotAVersionNorARange() {
        assertThat(SemVer.isValid(null)).isFalse();
        assertThat(SemVer.isValidRange(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "^1.2",
                "~1.2.3",
                ">=1 <2",
                ">= 1 < 2",
                "1.2.3",
                "=1.2.3",
                "latest",
                "*",
                "",
                "  ",
                "x",
                "1.x",
                "1.2.X",
                "1.*.*",
                "^0.0.3",
                "~1",
                "1.2 - 1.4",
                "1.2.3 - 2.0.0",
                "^1 || ^2",
                ">1.2.3-beta.1 <2",
                "<=2.0.0",
                ">0",
                "1.2.3-rc.1",
                "^1.2.3+build.5"
            })
    void acceptsRanges(String range) {
        assertThat(SemVer.isValidRange(range)).as(range).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "garbage",
                "^",
                ">=",
                "~>1.2",
                "v1.2.3",
                ">=1.0.0 foo",
                "1.2.3.4",
                "01.2",
                "1.x.3",
                "^1 ||",
                "|| ^1",
                "1 - ",
                "- 2",
                "1.2 - 1.4 - 2",
                ">=*",
                "<x",
                "1.x-beta",
                ">=abc",
                "=<1",
                "1,2",
                "latest-beta"
            })
    void rejectsMalformedRanges(String range) {
        assertThat(SemVer.isValidRange(range)).as(range).isFalse();
        assertThatThrownBy(() -> SemVer.select(PUBLISHED, range, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(range);
    }

    @ParameterizedTest(name = "{0} selects {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "^1.2|1.9.1",
                "~1.2|1.2.9",
                "~1.2.3|1.2.9",
                ">=1 <2|1.9.1",
                ">=1.2.0 <1.3.0|1.2.9",
                "1.2.3|1.2.3",
                "=1.0.0|1.0.0",
                "1.x|1.9.1",
                "1.2.x|1.2.9",
                "*|1.9.1",
                "latest|1.9.1",
                "''|1.9.1",
                "^0.9|0.9.0",
                "1.0 - 1.2|1.2.9",
                "<1.2.3|1.2.0",
                ">=2.0.0-beta.1|2.0.0-beta.2",
                "^2.0.0-beta.1|2.0.0-beta.2",
                "2.0.0-beta.1|2.0.0-beta.1",
            })
    void selectsTheHighestMatchingVersion(String range, String expected) {
        assertThat(SemVer.select(PUBLISHED, range, Set.of())).contains(expected);
    }

    @Test
    void alternativesPickTheHighestOfAny() {
        assertThat(SemVer.select(PUBLISHED, "^0.9.0 || ~1.2", Set.of())).contains("1.2.9");
        assertThat(SemVer.select(PUBLISHED, "^5 || <1", Set.of())).contains("0.9.0");
    }

    @Test
    void selectsLatestForANullRange() {
        assertThat(SemVer.select(PUBLISHED, null, null)).contains("1.9.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"^3", ">=2", "~1.4", "<0.9.0", "1.2.4", "^2.0.1-beta"})
    void selectsNothingWhenNothingMatches(String range) {
        assertThat(SemVer.select(PUBLISHED, range, Set.of())).isEmpty();
    }

    @Test
    void neverSelectsAYankedVersionForARange() {
        var yanked = Set.of("1.9.1", "1.3.0");

        assertThat(SemVer.select(PUBLISHED, "^1.2", yanked)).contains("1.2.9");
        assertThat(SemVer.select(PUBLISHED, "latest", yanked)).contains("1.2.9");
        assertThat(SemVer.select(PUBLISHED, ">=1.3 <2", yanked)).isEmpty();
    }

    @Test
    void anExactVersionMatchesEvenWhenYanked() {
        assertThat(SemVer.select(PUBLISHED, "1.9.1", Set.of("1.9.1"))).contains("1.9.1");
        assertThat(SemVer.select(PUBLISHED, "=1.9.1", Set.of("1.9.1"))).contains("1.9.1");
        assertThat(SemVer.exactVersion(" =1.9.1 ")).contains("1.9.1");
        assertThat(SemVer.exactVersion("^1.9.1")).isEmpty();
    }

    @Test
    void prereleasesOnlyWhenTheRangeAsksForThem() {
        // ">=1.0.0" would include 2.0.0-beta.2 by precedence, but a prerelease needs a comparator on its own tuple.
        assertThat(SemVer.select(PUBLISHED, ">=1.0.0", Set.of())).contains("1.9.1");
        assertThat(SemVer.select(List.of("1.0.0", "2.0.0-beta.1"), ">=1.0.0", Set.of()))
                .contains("1.0.0");
        assertThat(SemVer.select(List.of("1.0.0", "1.1.0-rc.1"), ">=1.1.0-rc.0", Set.of()))
                .contains("1.1.0-rc.1");
        assertThat(SemVer.select(List.of("1.0.0", "1.2.0-rc.1"), ">=1.1.0-rc.0", Set.of()))
                .isEmpty();
        assertThat(SemVer.satisfies("2.0.0-beta.2", "*")).isFalse();
        assertThat(SemVer.satisfies("2.0.0-beta.2", "latest")).isFalse();
        assertThat(SemVer.satisfies("2.0.0-beta.2", ">=2.0.0-beta")).isTrue();
    }

    @Test
    void latestFallsBackToAPrereleaseOnlyWhenNothingElseIsLeft() {
        assertThat(SemVer.select(List.of("2.0.0-beta.1", "2.0.0-rc.1"), "latest", Set.of()))
                .contains("2.0.0-rc.1");
        assertThat(SemVer.select(List.of("1.0.0", "2.0.0-rc.1"), "latest", Set.of("1.0.0")))
                .contains("2.0.0-rc.1");
        assertThat(SemVer.select(List.of("1.0.0"), "latest", Set.of("1.0.0"))).isEmpty();
        assertThat(SemVer.select(List.of(), "latest", Set.of())).isEmpty();
    }

    @Test
    void ignoresInvalidPublishedVersions() {
        assertThat(SemVer.select(List.of("1.0.0", "v9.0.0", "banana"), "*", Set.of()))
                .contains("1.0.0");
    }

    @Test
    void ordersByPrecedenceAsTheSemVerSpecSays() {
        var expected = List.of(
                "1.0.0-alpha",
                "1.0.0-alpha.1",
                "1.0.0-alpha.beta",
                "1.0.0-beta",
                "1.0.0-beta.2",
                "1.0.0-beta.11",
                "1.0.0-rc.1",
                "1.0.0",
                "1.0.0+build.1",
                "1.0.1",
                "1.10.0",
                "2.0.0");
        var shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new java.util.Random(3));

        shuffled.sort(SemVer.ORDER);

        assertThat(shuffled).containsExactlyElementsOf(expected);
    }

    @Test
    void orderRefusesInvalidVersions() {
        assertThatThrownBy(() -> SemVer.ORDER.compare("1.0.0", "one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'one'");
    }

    @ParameterizedTest(name = "{0} satisfies {1}: {2}")
    @CsvSource({
        "1.2.3, ^1.2, true",
        "2.0.0, ^1.2, false",
        "0.2.5, ^0.2, true",
        "0.3.0, ^0.2, false",
        "0.0.4, ^0.0.3, false",
        "1.2.9, ~1.2.3, true",
        "1.3.0, ~1.2.3, false",
        "1.5.0, 1.2 - 1.4, false",
        "1.4.9, 1.2 - 1.4, true",
        "3.0.0, x, true",
    })
    void satisfiesFollowsNpmSemantics(String version, String range, boolean expected) {
        assertThat(SemVer.satisfies(version, range)).isEqualTo(expected);
    }
}
