package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CourseNameTest {

    @Test
    void parsesScopeAndSlug() {
        var name = CourseName.parse("@alice/java-intro");

        assertThat(name.scope()).isEqualTo("alice");
        assertThat(name.slug()).isEqualTo("java-intro");
        assertThat(name).hasToString("@alice/java-intro");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@a/b", "@a1/2b", "@my-org/rust-101", "@x/y-z-0"})
    void acceptsValidNames(String text) {
        assertThat(CourseName.problem(text)).isEmpty();
        assertThat(CourseName.parse(text)).hasToString(text);
    }

    @Test
    void acceptsTheLongestScopeAndSlug() {
        var text = "@" + "s".repeat(39) + "/" + "c".repeat(64);

        assertThat(CourseName.problem(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|must not be empty",
                "alice/java|must have the form @scope/slug",
                "@alice|must have the form @scope/slug",
                "@alice/java/intro|must have the form @scope/slug",
                "@/java|scope must not be empty",
                "@alice/|slug must not be empty",
                "@Alice/java|scope 'Alice' may contain only lower-case letters",
                "@alice/Java|slug 'Java' may contain only lower-case letters",
                "@al_ice/java|may contain only lower-case letters",
                "@alice/java intro|may contain only lower-case letters",
                "@alice/java.intro|may contain only lower-case letters",
                "@-alice/java|must not start or end with '-'",
                "@alice/java-|must not start or end with '-'",
                "@alice/j\u00e4va|may contain only lower-case letters",
            })
    void explainsInvalidNames(String text, String problem) {
        assertThat(CourseName.problem(text))
                .hasValueSatisfying(p -> assertThat(p).contains(problem));
        assertThatThrownBy(() -> CourseName.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void limitsScopeTo39AndSlugTo64Characters() {
        assertThat(CourseName.problem("@" + "s".repeat(40) + "/c"))
                .hasValueSatisfying(p -> assertThat(p).contains("40 characters long, more than 39"));
        assertThat(CourseName.problem("@s/" + "c".repeat(65)))
                .hasValueSatisfying(p -> assertThat(p).contains("65 characters long, more than 64"));
    }

    @Test
    void nullIsNotAName() {
        assertThat(CourseName.problem(null)).contains("must not be empty");
    }

    @Test
    void theConstructorEnforcesTheRulesToo() {
        assertThatThrownBy(() -> new CourseName("Bad", "ok")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CourseName("ok", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
