package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuizTest {

    @Test
    void readsMultipleChoiceQuestions(@TempDir Path tmp) throws IOException {
        var file = tmp.resolve("quiz.json");
        Files.writeString(file, """
                [
                  {"question": "Which method starts a Java program?", "options": ["start", "main", "run"],
                   "answer": 1, "explanation": "The JVM calls main."},
                  {"type": "multiple-choice", "question": "Is 0 even?", "options": ["yes", "no"], "answer": 0,
                   "id": "extra fields are ignored"}
                ]
                """);

        var quiz = Quiz.read(file);

        assertThat(quiz.questions())
                .containsExactly(
                        new Quiz.Question(
                                "Which method starts a Java program?",
                                List.of("start", "main", "run"),
                                1,
                                "The JVM calls main."),
                        new Quiz.Question("Is 0 even?", List.of("yes", "no"), 0, null));
        assertThat(quiz.questions().get(0).isCorrect(1)).isTrue();
        assertThat(quiz.questions().get(0).isCorrect(0)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            {"options": ["a", "b"], "answer": 0}                       | [0].question: is required
            {"question": " ", "options": ["a", "b"], "answer": 0}      | [0].question: must not be empty
            {"question": 1, "options": ["a", "b"], "answer": 0}        | [0].question: must be a string, not a number
            {"question": "q", "answer": 0}                             | [0].options: is required: an array of at least two choices
            {"question": "q", "options": "a", "answer": 0}             | [0].options: must be an array of strings, not a string
            {"question": "q", "options": ["a"], "answer": 0}           | [0].options: must offer at least two choices
            {"question": "q", "options": ["a", ""], "answer": 0}       | [0].options[1]: must not be empty
            {"question": "q", "options": ["a", 2], "answer": 0}        | [0].options[1]: must be a string, not a number
            {"question": "q", "options": ["a", "b", "a "], "answer": 0} | [0].options[2]: repeats option 0
            {"question": "q", "options": ["a", "b"]}                   | [0].answer: is required: the 0-based index of the right option
            {"question": "q", "options": ["a", "b"], "answer": 2}      | [0].answer: 2 is not the index of an option (0 to 1)
            {"question": "q", "options": ["a", "b"], "answer": -1}     | [0].answer: -1 is not the index of an option (0 to 1)
            {"question": "q", "options": ["a", "b"], "answer": 0.5}    | [0].answer: must be the 0-based index of the right option, not 0.5
            {"question": "q", "options": ["a", "b"], "answer": "a"}    | [0].answer: must be the 0-based index of the right option, not a string
            {"question": "q", "options": ["a", "b"], "answer": 0, "explanation": 3} | [0].explanation: must be a string, not a number
            {"type": "essay", "question": "q", "options": ["a", "b"], "answer": 0} | [0].type: only multiple-choice questions are supported, not 'essay'
            "q"                                                        | [0]: must be an object with question, options and answer, not a string
            """)
    void namesEachProblem(String question, String problem) {
        assertThat(problems("[" + question + "]")).containsExactly(problem);
    }

    @Test
    void reportsEveryProblemOfEveryQuestion() {
        assertThat(problems("""
                        [{"question": "fine", "options": ["a", "b"], "answer": 1},
                         {"question": "", "options": ["a"], "answer": 0},
                         {"question": "q", "options": ["a", "b"], "answer": 9}]
                        """))
                .containsExactly(
                        "[1].question: must not be empty",
                        "[1].options: must offer at least two choices",
                        "[2].answer: 9 is not the index of an option (0 to 1)");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            []                          | (document): has no questions
            {"questions": []}           | (document): must be an array of questions such as [{"question": "...", "options": ["a", "b"], "answer": 0}], not an object
            ''                          | (document): must be an array of questions such as [{"question": "...", "options": ["a", "b"], "answer": 0}], not nothing
            [{"question": "q", "question": "r"}] | (document): not valid JSON at line 1, column 30: Duplicate field 'question'
            """)
    void theDocumentMustBeAnArrayOfQuestions(String json, String problem) {
        assertThat(problems(json.equals("''") ? "" : json)).containsExactly(problem);
    }

    @Test
    void aQuestionKeepsItsAnswerInsideItsOptions() {
        assertThatThrownBy(() -> new Quiz.Question("q", List.of("a", "b"), 2, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> problems(String json) {
        var exception = catchThrowableOfType(
                InvalidQuizException.class, () -> Quiz.parse(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(exception).as("problems for %s", json).isNotNull();
        return exception.problems();
    }
}
