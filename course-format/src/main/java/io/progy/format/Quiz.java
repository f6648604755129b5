package io.progy.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * An exercise's {@code quiz.json}: multiple-choice questions.
 *
 * <pre>{@code
 * [
 *   {
 *     "question": "Which method starts a Java program?",
 *     "options": ["start", "main", "run"],
 *     "answer": 1,
 *     "explanation": "The JVM calls public static void main(String[] args)."
 *   }
 * ]
 * }</pre>
 *
 * <p>The document is a non-empty array. Each question has a non-empty {@code question}, at least two different
 * non-empty {@code options}, the {@code answer} as the 0-based index of the right option, and optionally an
 * {@code explanation} shown after answering. A {@code type}, if present, must be {@code multiple-choice}. Other
 * fields are ignored.
 *
 * @param questions the questions in order, never empty
 */
public record Quiz(List<Question> questions) {

    /** The only question type supported. */
    public static final String MULTIPLE_CHOICE = "multiple-choice";

    /** Creates a quiz. */
    public Quiz {
        questions = List.copyOf(questions);
    }

    /**
     * One multiple-choice question.
     *
     * @param question the question text
     * @param options the choices, at least two
     * @param answer the index of the right choice in {@code options}
     * @param explanation why the answer is right, or {@code null}
     */
    public record Question(String question, List<String> options, int answer, String explanation) {

        /**
         * Creates a question.
         *
         * @throws IllegalArgumentException if {@code answer} is not an index into {@code options}
         */
        public Question {
            Objects.requireNonNull(question, "question");
            options = List.copyOf(options);
            if (answer < 0 || answer >= options.size()) {
                throw new IllegalArgumentException(
                        "answer " + answer + " is not an index into " + options.size() + " options");
            }
        }

        /** Whether {@code choice} (a 0-based index into {@link #options()}) is the right answer. */
        public boolean isCorrect(int choice) {
            return choice == answer;
        }
    }

    /**
     * Reads and validates a {@code quiz.json} file.
     *
     * @throws InvalidQuizException with every problem found
     * @throws IOException if the file cannot be read
     */
    public static Quiz read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /**
     * Parses and validates a quiz.
     *
     * @param json the document, UTF-8
     * @throws InvalidQuizException with every problem found
     */
    public static Quiz parse(byte[] json) {
        JsonNode root;
        try {
            root = Json.STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidQuizException(List.of(ManifestProblem.DOCUMENT + ": " + Json.syntaxProblem("JSON", e)));
        } catch (IOException e) {
            throw new InvalidQuizException(List.of(ManifestProblem.DOCUMENT + ": cannot be read: " + e.getMessage()));
        }
        if (root == null || root.isMissingNode() || !root.isArray()) {
            throw new InvalidQuizException(List.of(ManifestProblem.DOCUMENT
                    + ": must be an array of questions such as [{\"question\": \"...\", \"options\": [\"a\", \"b\"],"
                    + " \"answer\": 0}], not "
                    + (root == null || root.isMissingNode() ? "nothing" : Json.describe(root))));
        }
        if (root.isEmpty()) {
            throw new InvalidQuizException(List.of(ManifestProblem.DOCUMENT + ": has no questions"));
        }
        var problems = new ArrayList<String>();
        var questions = new ArrayList<Question>();
        for (var i = 0; i < root.size(); i++) {
            var question = question(root.get(i), "[" + i + "]", problems);
            if (question != null) {
                questions.add(question);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidQuizException(problems);
        }
        return new Quiz(questions);
    }

    private static Question question(JsonNode node, String field, List<String> problems) {
        if (!node.isObject()) {
            problems.add(field + ": must be an object with question, options and answer, not " + Json.describe(node));
            return null;
        }
        var before = problems.size();
        var type = node.get("type");
        if (type != null
                && !type.isNull()
                && !(type.isTextual() && type.asText().equals(MULTIPLE_CHOICE))) {
            problems.add(field + ".type: only " + MULTIPLE_CHOICE + " questions are supported, not "
                    + (type.isTextual() ? "'" + type.asText() + "'" : Json.describe(type)));
        }
        var text = text(node.get("question"), field + ".question", true, problems);
        var options = options(node.get("options"), field + ".options", problems);
        var answer = node.get("answer");
        var index = -1;
        if (answer == null || answer.isNull()) {
            problems.add(field + ".answer: is required: the 0-based index of the right option");
        } else if (!answer.isIntegralNumber() || !answer.canConvertToInt()) {
            problems.add(field + ".answer: must be the 0-based index of the right option, not "
                    + (answer.isNumber() ? answer.asText() : Json.describe(answer)));
        } else if (options != null && (answer.intValue() < 0 || answer.intValue() >= options.size())) {
            problems.add(field + ".answer: " + answer.intValue() + " is not the index of an option (0 to "
                    + (options.size() - 1) + ")");
        } else {
            index = answer.intValue();
        }
        var explanation = text(node.get("explanation"), field + ".explanation", false, problems);
        return problems.size() == before && options != null ? new Question(text, options, index, explanation) : null;
    }

    private static List<String> options(JsonNode node, String field, List<String> problems) {
        if (node == null || node.isNull()) {
            problems.add(field + ": is required: an array of at least two choices");
            return null;
        }
        if (!node.isArray()) {
            problems.add(field + ": must be an array of strings, not " + Json.describe(node));
            return null;
        }
        if (node.size() < 2) {
            problems.add(field + ": must offer at least two choices");
            return null;
        }
        var options = new ArrayList<String>();
        var seen = new HashMap<String, Integer>();
        var valid = true;
        for (var i = 0; i < node.size(); i++) {
            var element = field + "[" + i + "]";
            var option = text(node.get(i), element, true, problems);
            if (option == null) {
                valid = false;
                continue;
            }
            var previous = seen.putIfAbsent(option.strip(), i);
            if (previous != null) {
                problems.add(element + ": repeats option " + previous);
                valid = false;
            }
            options.add(option);
        }
        return valid ? options : null;
    }

    private static String text(JsonNode node, String field, boolean required, List<String> problems) {
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(field + ": is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.add(field + ": must be a string, not " + Json.describe(node));
            return null;
        }
        if (node.asText().isBlank()) {
            if (required) {
                problems.add(field + ": must not be empty");
            }
            return null;
        }
        return node.asText();
    }
}
