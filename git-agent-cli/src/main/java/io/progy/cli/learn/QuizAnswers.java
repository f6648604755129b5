package io.progy.cli.learn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.progy.cli.Json;
import io.progy.format.Exercise;
import io.progy.format.ProgressState;
import io.progy.format.Quiz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grades answers to a quiz, whatever asks them (the terminal's {@code progy quiz} or the browser), and records the
 * result: the score in {@code .progy/state.json}, and every answer (essays included, which are recorded, not graded)
 * in {@code .progy/quiz/<module>/<exercise>.json}.
 *
 * <p>An answer is JSON: the 0-based option index ({@code 1}) or indexes ({@code [0, 2]}) for a multiple-choice
 * question, {@code true}/{@code false}, a string for a text question or an essay, and for a matching question the
 * right item chosen for each left item, in order ({@code ["Filters rows", "Sorts"]}).
 */
public final class QuizAnswers {
    /** The directory under {@code .progy} holding recorded answers. */
    static final String DIRECTORY = "quiz";

    private QuizAnswers() {}

    /**
     * What one answer earned.
     *
     * @param id the question's id
     * @param correct whether it was right; {@code null} for a question that is recorded, not graded
     * @param feedback what to tell the student: the right answer when wrong, a note on an essay's length
     * @param explanation the question's (or chosen option's) explanation, or {@code null}
     */
    public record Verdict(String id, Boolean correct, String feedback, String explanation) {}

    /** The verdicts and the score, once recorded. */
    public record Result(List<Verdict> verdicts, int correct, int total) {}

    /** Grades one answer; a missing or malformed answer is wrong (or, for an essay, empty). */
    public static Verdict grade(Quiz.Question question, JsonNode answer) {
        if (question instanceof Quiz.MultipleChoice q) {
            var chosen = new HashSet<Integer>();
            if (answer != null && answer.isArray()) {
                answer.forEach(n -> chosen.add(n.asInt(-1)));
            } else if (answer != null && answer.isIntegralNumber()) {
                chosen.add(answer.intValue());
            }
            var right = q.isCorrect(chosen);
            var rightText = String.join(
                    ", ",
                    q.answers().stream()
                            .map(i -> (i + 1) + ") " + q.options().get(i).text())
                            .toList());
            String explanation = q.explanation();
            if (chosen.size() == 1) {
                var index = chosen.iterator().next();
                if (index >= 0
                        && index < q.options().size()
                        && q.options().get(index).explanation() != null) {
                    explanation = q.options().get(index).explanation();
                }
            }
            return new Verdict(
                    q.id(),
                    right,
                    right
                            ? "Right."
                            : "Not quite: the answer " + (q.multipleAnswers() ? "s are " : "is ") + rightText + ".",
                    explanation);
        }
        if (question instanceof Quiz.TrueFalse q) {
            var right = answer != null && answer.isBoolean() && q.isCorrect(answer.booleanValue());
            return new Verdict(
                    q.id(), right, right ? "Right." : "Not quite: it is " + q.answer() + ".", q.explanation());
        }
        if (question instanceof Quiz.TextAnswer q) {
            var right = answer != null && answer.isTextual() && q.isCorrect(answer.asText());
            return new Verdict(
                    q.id(),
                    right,
                    right
                            ? "Right."
                            : "Not quite: the answer is " + q.accepted().get(0) + ".",
                    q.explanation());
        }
        if (question instanceof Quiz.Matching q) {
            var rights = new ArrayList<String>();
            if (answer != null && answer.isArray()) {
                answer.forEach(n -> rights.add(n.asText()));
            }
            var right = q.isCorrect(rights);
            var pairs = String.join(
                    "; ",
                    q.pairs().stream().map(p -> p.left() + " → " + p.right()).toList());
            return new Verdict(q.id(), right, right ? "Right." : "Not quite: " + pairs + ".", q.explanation());
        }
        var essay = (Quiz.Essay) question;
        var words = Quiz.Essay.words(answer != null && answer.isTextual() ? answer.asText() : "");
        var feedback = essay.minWords() != null && words < essay.minWords()
                ? "Recorded (" + words + " words; the question asks for at least " + essay.minWords() + ")."
                : "Recorded.";
        return new Verdict(essay.id(), null, feedback, essay.rubric() != null ? essay.rubric() : essay.explanation());
    }

    /**
     * Grades every answer and records the score and the answers.
     *
     * @param answers question id to answer
     */
    static Result gradeAndRecord(StudentCourse course, Exercise exercise, Quiz quiz, Map<String, JsonNode> answers)
            throws IOException {
        var verdicts = new ArrayList<Verdict>();
        int correct = 0;
        for (var question : quiz.questions()) {
            var verdict = grade(question, answers.get(question.id()));
            verdicts.add(verdict);
            if (Boolean.TRUE.equals(verdict.correct())) {
                correct++;
            }
        }
        var now = Instant.now();
        course.update(
                course.state().withQuiz(exercise.id(), new ProgressState.QuizScore(correct, quiz.gradedCount(), now)));
        record(course.root(), exercise, answers, now);
        return new Result(verdicts, correct, quiz.gradedCount());
    }

    /** Writes the answers atomically to {@code .progy/quiz/<module>/<exercise>.json}. */
    private static void record(Path root, Exercise exercise, Map<String, JsonNode> answers, Instant at)
            throws IOException {
        var file = root.resolve(ProgressState.DIRECTORY)
                .resolve(DIRECTORY)
                .resolve(exercise.module())
                .resolve(exercise.dirName() + ".json");
        Files.createDirectories(file.getParent());
        ObjectNode document = Json.mapper().createObjectNode();
        document.put("exercise", exercise.id());
        document.put("taken_at", at.toString());
        var recorded = document.putObject("answers");
        new LinkedHashMap<>(answers).forEach(recorded::set);
        var temp = Files.createTempFile(file.getParent(), ".quiz", ".tmp");
        try {
            Files.writeString(
                    temp,
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n",
                    StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The right items of a matching question in the order they are offered: sorted, so no position gives them away. */
    public static List<String> offeredRights(Quiz.Matching question) {
        return question.pairs().stream()
                .map(Quiz.Matching.Pair::right)
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
    }
}
