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
                        new Quiz.MultipleChoice(
                                "q1",
                                "Which method starts a Java program?",
                                Quiz.MultipleChoice.of("x", List.of("start", "main", "run"), 1, null)
                                        .options(),
                                "The JVM calls main."),
                        new Quiz.MultipleChoice(
                                "extra fields are ignored",
                                "Is 0 even?",
                                Quiz.MultipleChoice.of("x", List.of("yes", "no"), 0, null)
                                        .options(),
                                null));
        var first = (Quiz.MultipleChoice) quiz.questions().get(0);
        assertThat(first.isCorrect(1)).isTrue();
        assertThat(first.isCorrect(0)).isFalse();
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
            {"type": "video", "question": "q", "options": ["a", "b"], "answer": 0} | [0].type: must be one of multiple-choice, true-false, text, matching, essay, coding, not 'video'
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
            {"questions": []}           | questions: has no questions
            ''                          | (document): must be an array of questions such as [{"question": "...", "options": ["a", "b"], "answer": 0}] or an object with "questions", not nothing
            [{"question": "q", "question": "r"}] | (document): not valid JSON at line 1, column 30: Duplicate field 'question'
            """)
    void theDocumentMustBeAnArrayOfQuestions(String json, String problem) {
        assertThat(problems(json.equals("''") ? "" : json)).containsExactly(problem);
    }

    @Test
    void aQuestionKeepsItsAnswerInsideItsOptions() {
        assertThatThrownBy(() -> Quiz.MultipleChoice.of("q", List.of("a", "b"), 2, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsProgysTypedQuestions() {
        var quiz = Quiz.parse("""
                {"title": "SQL Basics", "description": "Test your knowledge.", "questions": [
                  {"id": "q2", "type": "true-false", "question": "SQL stands for Structured Query Language.",
                   "correctAnswer": true, "explanation": "Yes."},
                  {"id": "q3", "type": "short-answer", "question": "Which keyword removes a table?",
                   "acceptedAnswers": ["DROP", "DROP TABLE"], "caseSensitive": false},
                  {"id": "q5", "type": "matching", "question": "Match the clause.",
                   "pairs": [{"left": "WHERE", "right": "Filtering rows"}, {"left": "ORDER BY", "right": "Sorting"}]},
                  {"id": "q6", "type": "essay", "question": "Explain JOINs.", "minWords": 20, "rubric": "INNER vs LEFT"},
                  {"id": "q1", "type": "multiple-choice", "question": "What does SELECT * do?",
                   "options": [{"id": "o1", "text": "Selects all columns", "isCorrect": true, "explanation": "*"},
                               {"id": "o2", "text": "Deletes rows", "isCorrect": false}]},
                  {"type": "text", "question": "Case matters here", "answers": ["Main"], "caseSensitive": true},
                  {"type": "coding", "question": "Write a query.", "language": "sql", "startingCode": "-- here"}
                ]}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(quiz.title()).isEqualTo("SQL Basics");
        assertThat(quiz.questions())
                .extracting(Quiz.Question::id)
                .containsExactly("q2", "q3", "q5", "q6", "q1", "q6-2", "q7");
    }

    @Test
    void gradesEachTypeAndLeavesEssaysUngraded() {
        var quiz = Quiz.parse("""
                {"questions": [
                  {"type": "true-false", "question": "t", "correctAnswer": false},
                  {"type": "text", "question": "k", "acceptedAnswers": ["DROP TABLE"]},
                  {"type": "matching", "question": "m", "pairs": [{"left": "a", "right": "1"}, {"left": "b", "right": "2"}]},
                  {"type": "essay", "question": "e", "minWords": 3},
                  {"question": "c", "options": [{"text": "x", "isCorrect": true}, {"text": "y", "isCorrect": true},
                                                {"text": "z", "isCorrect": false}]}
                ]}
                """.getBytes(StandardCharsets.UTF_8));
        var questions = quiz.questions();

        assertThat(((Quiz.TrueFalse) questions.get(0)).isCorrect(false)).isTrue();
        assertThat(((Quiz.TextAnswer) questions.get(1)).isCorrect("  drop   table "))
                .isTrue();
        assertThat(((Quiz.TextAnswer) questions.get(1)).isCorrect("DROP")).isFalse();
        assertThat(((Quiz.Matching) questions.get(2)).isCorrect(List.of("1", "2")))
                .isTrue();
        assertThat(((Quiz.Matching) questions.get(2)).isCorrect(List.of("2", "1")))
                .isFalse();
        assertThat(questions.get(3).graded()).isFalse();
        assertThat(Quiz.Essay.words(" one two  three ")).isEqualTo(3);
        var choice = (Quiz.MultipleChoice) questions.get(4);
        assertThat(choice.multipleAnswers()).isTrue();
        assertThat(choice.isCorrect(java.util.Set.of(0, 1))).isTrue();
        assertThat(choice.isCorrect(0)).isFalse();
        assertThat(quiz.gradedCount()).isEqualTo(4);
    }

    @Test
    void namesProblemsOfTypedQuestions() {
        assertThat(problems("""
                        {"questions": [
                          {"type": "true-false", "question": "t"},
                          {"type": "text", "question": "k", "acceptedAnswers": []},
                          {"type": "matching", "question": "m", "pairs": [{"left": "a", "right": "1"}, {"left": "b", "right": "1"}]},
                          {"question": "c", "options": [{"text": "x"}, {"text": "y", "isCorrect": false}]},
                          {"type": "essay", "question": "e", "minWords": "many"}
                        ]}
                        """))
                .containsExactly(
                        "questions[0].correctAnswer: is required: true or false",
                        "questions[1].acceptedAnswers: must be a non-empty array of strings",
                        "questions[2].pairs[1].right: repeats pairs[0].right: every right item must differ",
                        "questions[3].options: no option has \"isCorrect\": true",
                        "questions[4].minWords: must be a whole number of words, not a string");
    }

    private static List<String> problems(String json) {
        var exception = catchThrowableOfType(
                InvalidQuizException.class, () -> Quiz.parse(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(exception).as("problems for %s", json).isNotNull();
        return exception.problems();
    }
}
