package io.progy.cli.learn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HintsTest {
    @Test
    void eachListItemIsOneHintWithItsContinuationLines() {
        var hints = Hints.parse("""
                # Hints

                1. Printing a line is one statement.
                2. The text goes between double quotes.
                3. The whole line is `System.out.println("Hello");` — check the capital `H`,
                   the comma and the `;` at the end.
                """);
        assertThat(hints)
                .containsExactly(
                        "Printing a line is one statement.",
                        "The text goes between double quotes.",
                        "The whole line is `System.out.println(\"Hello\");` — check the capital `H`, the comma and"
                                + " the `;` at the end.");
    }

    @Test
    void withoutAListRulesSeparateHints() {
        assertThat(Hints.parse("Look at answer.txt.\n\n---\n\nIt must say ok.\n"))
                .containsExactly("Look at answer.txt.", "It must say ok.");
    }

    @Test
    void plainTextIsOneHint() {
        assertThat(Hints.parse("# Hint\nThink about\nthe loop.\n")).containsExactly("Think about\nthe loop.");
        assertThat(Hints.parse("")).isEmpty();
    }

    @Test
    void editorScratchFilesAndTheResultFileAreNotChanges() {
        assertThat(ExerciseWatcher.matters("Exercise.java")).isTrue();
        assertThat(ExerciseWatcher.matters("results.json")).isFalse();
        assertThat(ExerciseWatcher.matters(".Exercise.java.swp")).isFalse();
        assertThat(ExerciseWatcher.matters("Exercise.java~")).isFalse();
        assertThat(ExerciseWatcher.matters("4913")).isFalse();
    }
}
