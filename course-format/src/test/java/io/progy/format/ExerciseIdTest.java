package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExerciseIdTest {

    @Test
    void aPortableIdIsTwoPlainSegments() {
        for (var good : new String[] {"01_basics/01_hello", "a/b", "Mod.1/ex-2", "9/" + "x".repeat(100)}) {
            assertThat(Exercise.isPortableId(good)).as(good).isTrue();
        }
        for (var bad : new String[] {
            null,
            "",
            "hello",
            "a/b/c",
            "../x",
            "a/..",
            ".git/config",
            "a/.hidden",
            "_a/b",
            "a/-b",
            "a b/c",
            "a/é",
            "/a",
            "a/",
            "a\\b",
            "9/" + "x".repeat(101)
        }) {
            assertThat(Exercise.isPortableId(bad)).as(bad).isFalse();
        }
    }
}
