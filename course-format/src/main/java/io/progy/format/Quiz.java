package io.progy.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An exercise's {@code quiz.json}.
 *
 * <p>Two forms are accepted. The array form holds multiple-choice questions:
 *
 * <pre>{@code
 * [
 *   {"question": "Which method starts a Java program?", "options": ["start", "main", "run"], "answer": 1,
 *    "explanation": "The JVM calls public static void main(String[] args)."}
 * ]
 * }</pre>
 *
 * Progy's object form has a title and typed questions:
 *
 * <pre>{@code
 * {"title": "SQL basics", "description": "...", "questions": [
 *   {"id": "q1", "type": "multiple-choice", "question": "What does SELECT * do?",
 *    "options": [{"id": "a", "text": "Selects every column", "isCorrect": true, "explanation": "..."},
 *                {"id": "b", "text": "Deletes rows", "isCorrect": false}]},
 *   {"type": "true-false", "question": "SQL stands for Structured Query Language.", "correctAnswer": true},
 *   {"type": "text", "question": "Which keyword removes a table?", "acceptedAnswers": ["DROP", "DROP TABLE"],
 *    "caseSensitive": false},
 *   {"type": "matching", "question": "Match the clause", "pairs": [{"left": "WHERE", "right": "Filters rows"},
 *                                                                  {"left": "ORDER BY", "right": "Sorts"}]},
 *   {"type": "essay", "question": "Explain INNER and LEFT JOIN.", "minWords": 20, "rubric": "..."}
 * ]}
 * }</pre>
 *
 * <p>A question's {@code type} is {@code multiple-choice} (the default), {@code true-false}, {@code text} (also
 * spelt {@code short-answer} or {@code fill-in-the-blank}), {@code matching}, {@code essay} or {@code coding}.
 * Essays and coding questions are {@linkplain Question#graded() not graded}: the answer is recorded. Every question
 * has a non-empty {@code question} and may have an {@code id} and an {@code explanation} shown after answering. Other
 * fields are ignored. Problems name the question: {@code [2].answer} in the array form, {@code questions[2].answer}
 * in the object form.
 *
 * @param title the quiz's title, or {@code null}
 * @param description a line about it, or {@code null}
 * @param questions the questions in order, never empty
 */
public record Quiz(String title, String description, List<Question> questions) {

    /** The default question type. */
    public static final String MULTIPLE_CHOICE = "multiple-choice";

    private static final Set<String> TYPES = Set.of(
            MULTIPLE_CHOICE, "true-false", "text", "short-answer", "fill-in-the-blank", "matching", "essay", "coding");

    /** Creates a quiz. */
    public Quiz {
        questions = List.copyOf(questions);
    }

    /** A quiz without title. */
    public Quiz(List<Question> questions) {
        this(null, null, questions);
    }

    /** How many questions are graded (essays and coding questions are not). */
    public int gradedCount() {
        return (int) questions.stream().filter(Question::graded).count();
    }

    /** One question of a quiz. */
    public sealed interface Question permits MultipleChoice, TrueFalse, TextAnswer, Matching, Essay {
        /** The question's id: its {@code id}, or {@code q1}, {@code q2}, ... by position. */
        String id();

        /** The question text. */
        String question();

        /** Why the answer is right, shown after answering, or {@code null}. */
        String explanation();

        /** The type: {@code multiple-choice}, {@code true-false}, {@code text}, {@code matching}, ... */
        String type();

        /** Whether an answer is right or wrong; {@code false} for essays, which are recorded only. */
        default boolean graded() {
            return true;
        }
    }

    /**
     * A multiple-choice question; several options may be right, and then the answer must choose exactly those.
     *
     * @param options the choices, at least two, at least one right
     */
    public record MultipleChoice(String id, String question, List<Option> options, String explanation)
            implements Question {

        /**
         * One choice.
         *
         * @param text what it says
         * @param correct whether it is right
         * @param explanation shown when it is chosen, or {@code null}
         */
        public record Option(String text, boolean correct, String explanation) {
            /** Creates an option. */
            public Option {
                Objects.requireNonNull(text, "text");
            }
        }

        /**
         * Creates a question.
         *
         * @throws IllegalArgumentException if fewer than two options or none is right
         */
        public MultipleChoice {
            Objects.requireNonNull(question, "question");
            options = List.copyOf(options);
            if (options.size() < 2 || options.stream().noneMatch(Option::correct)) {
                throw new IllegalArgumentException("a multiple-choice question needs two options and a right one");
            }
        }

        /** The array form: {@code options} as text and {@code answer} the index of the right one. */
        public static MultipleChoice of(String question, List<String> options, int answer, String explanation) {
            if (answer < 0 || answer >= options.size()) {
                throw new IllegalArgumentException(
                        "answer " + answer + " is not an index into " + options.size() + " options");
            }
            var choices = new ArrayList<Option>();
            for (var i = 0; i < options.size(); i++) {
                choices.add(new Option(options.get(i), i == answer, null));
            }
            return new MultipleChoice(null, question, choices, explanation);
        }

        @Override
        public String type() {
            return MULTIPLE_CHOICE;
        }

        /** The indexes of the right options. */
        public Set<Integer> answers() {
            var answers = new TreeSet<Integer>();
            for (var i = 0; i < options.size(); i++) {
                if (options.get(i).correct()) {
                    answers.add(i);
                }
            }
            return answers;
        }

        /** Whether more than one option is right (the student then chooses several). */
        public boolean multipleAnswers() {
            return answers().size() > 1;
        }

        /** Whether choosing exactly the options {@code choices} (0-based) is right. */
        public boolean isCorrect(Set<Integer> choices) {
            return answers().equals(new TreeSet<>(choices));
        }

        /** Whether the single choice {@code choice} (0-based) is right. */
        public boolean isCorrect(int choice) {
            return isCorrect(Set.of(choice));
        }
    }

    /** A true-or-false statement. */
    public record TrueFalse(String id, String question, boolean answer, String explanation) implements Question {
        @Override
        public String type() {
            return "true-false";
        }

        /** Whether {@code choice} is right. */
        public boolean isCorrect(boolean choice) {
            return choice == answer;
        }
    }

    /**
     * A question answered with a few words.
     *
     * @param accepted the accepted answers, at least one
     * @param caseSensitive whether {@code Drop} differs from {@code DROP}
     */
    public record TextAnswer(
            String id, String question, List<String> accepted, boolean caseSensitive, String explanation)
            implements Question {

        /** Creates a question. */
        public TextAnswer {
            accepted = List.copyOf(accepted);
        }

        @Override
        public String type() {
            return "text";
        }

        /** Whether {@code answer} is one of the accepted ones, spaces around and between words aside. */
        public boolean isCorrect(String answer) {
            var given = normalize(answer);
            return accepted.stream().anyMatch(a -> normalize(a).equals(given));
        }

        private String normalize(String text) {
            var spaced = text == null ? "" : text.strip().replaceAll("\\s+", " ");
            return caseSensitive ? spaced : spaced.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Left items to match with right items: the pair at each index is the right match.
     *
     * @param pairs at least two, every right item different
     */
    public record Matching(String id, String question, List<Pair> pairs, String explanation) implements Question {

        /** One left item and the right item it matches. */
        public record Pair(String left, String right) {}

        /** Creates a question. */
        public Matching {
            pairs = List.copyOf(pairs);
        }

        @Override
        public String type() {
            return "matching";
        }

        /** Whether {@code rights}, one right item per left item in order, match every pair. */
        public boolean isCorrect(List<String> rights) {
            if (rights == null || rights.size() != pairs.size()) {
                return false;
            }
            for (var i = 0; i < pairs.size(); i++) {
                if (!pairs.get(i).right().equals(rights.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A question answered in the student's own words (or code, for a {@code coding} question): recorded, not graded.
     *
     * @param type {@code essay} or {@code coding}
     * @param minWords the fewest words asked for, or {@code null}
     * @param rubric what a good answer covers, shown after answering, or {@code null}
     * @param startingCode code to start from ({@code coding}), or {@code null}
     */
    public record Essay(
            String id,
            String question,
            String type,
            Integer minWords,
            String rubric,
            String startingCode,
            String explanation)
            implements Question {

        @Override
        public boolean graded() {
            return false;
        }

        /** How many words {@code answer} has. */
        public static int words(String answer) {
            var text = answer == null ? "" : answer.strip();
            return text.isEmpty() ? 0 : text.split("\\s+").length;
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
        var problems = new ArrayList<String>();
        String title = null;
        String description = null;
        JsonNode list;
        String prefix;
        if (root != null && root.isObject()) {
            title = text(root.get("title"), "title", false, problems);
            description = text(root.get("description"), "description", false, problems);
            list = root.get("questions");
            prefix = "questions";
            if (list == null || !list.isArray()) {
                problems.add("questions: is required: an array of questions");
                throw new InvalidQuizException(problems);
            }
        } else if (root != null && root.isArray()) {
            list = root;
            prefix = "";
        } else {
            throw new InvalidQuizException(List.of(ManifestProblem.DOCUMENT
                    + ": must be an array of questions such as [{\"question\": \"...\", \"options\": [\"a\", \"b\"],"
                    + " \"answer\": 0}] or an object with \"questions\", not "
                    + (root == null || root.isMissingNode() ? "nothing" : Json.describe(root))));
        }
        if (list.isEmpty()) {
            throw new InvalidQuizException(
                    List.of((prefix.isEmpty() ? ManifestProblem.DOCUMENT : prefix) + ": has no questions"));
        }
        var questions = new ArrayList<Question>();
        var ids = new HashMap<String, Integer>();
        for (var i = 0; i < list.size(); i++) {
            var field = prefix + "[" + i + "]";
            var question = question(list.get(i), field, i, problems);
            if (question != null) {
                var previous = ids.putIfAbsent(question.id(), i);
                if (previous != null && !list.get(i).has("id")) {
                    // a position-made id that an explicit one already took: make it unique
                    var n = 2;
                    while (ids.containsKey(question.id() + "-" + n)) {
                        n++;
                    }
                    question = withId(question, question.id() + "-" + n);
                    ids.put(question.id(), i);
                } else if (previous != null) {
                    problems.add(field + ".id: '" + question.id() + "' is already the id of " + prefix + "[" + previous
                            + "]");
                }
                questions.add(question);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidQuizException(problems);
        }
        return new Quiz(title, description, questions);
    }

    private static Question withId(Question question, String id) {
        if (question instanceof MultipleChoice q) {
            return new MultipleChoice(id, q.question(), q.options(), q.explanation());
        } else if (question instanceof TrueFalse q) {
            return new TrueFalse(id, q.question(), q.answer(), q.explanation());
        } else if (question instanceof TextAnswer q) {
            return new TextAnswer(id, q.question(), q.accepted(), q.caseSensitive(), q.explanation());
        } else if (question instanceof Matching q) {
            return new Matching(id, q.question(), q.pairs(), q.explanation());
        }
        var q = (Essay) question;
        return new Essay(id, q.question(), q.type(), q.minWords(), q.rubric(), q.startingCode(), q.explanation());
    }

    private static Question question(JsonNode node, String field, int index, List<String> problems) {
        if (!node.isObject()) {
            problems.add(field + ": must be an object with question, options and answer, not " + Json.describe(node));
            return null;
        }
        var before = problems.size();
        var typeNode = node.get("type");
        var type = MULTIPLE_CHOICE;
        if (typeNode != null && !typeNode.isNull()) {
            if (typeNode.isTextual() && TYPES.contains(typeNode.asText())) {
                type = typeNode.asText();
            } else {
                problems.add(field + ".type: must be one of multiple-choice, true-false, text, matching, essay,"
                        + " coding, not "
                        + (typeNode.isTextual() ? "'" + typeNode.asText() + "'" : Json.describe(typeNode)));
                return null;
            }
        }
        var idNode = node.get("id");
        var id = idNode != null && idNode.isTextual() && !idNode.asText().isBlank()
                ? idNode.asText()
                : idNode != null && idNode.isIntegralNumber() ? idNode.asText() : "q" + (index + 1);
        var text = text(node.get("question"), field + ".question", true, problems);
        var explanation = text(node.get("explanation"), field + ".explanation", false, problems);
        Question question =
                switch (type) {
                    case MULTIPLE_CHOICE -> multipleChoice(node, field, id, text, explanation, problems);
                    case "true-false" -> trueFalse(node, field, id, text, explanation, problems);
                    case "matching" -> matching(node, field, id, text, explanation, problems);
                    case "essay", "coding" ->
                        new Essay(
                                id,
                                text == null ? "" : text,
                                type,
                                minWords(node.get("minWords"), field + ".minWords", problems),
                                text(node.get("rubric"), field + ".rubric", false, problems),
                                type.equals("coding")
                                        ? text(node.get("startingCode"), field + ".startingCode", false, problems)
                                        : null,
                                explanation);
                    default -> textAnswer(node, field, id, text, explanation, problems);
                };
        return problems.size() == before && text != null ? question : null;
    }

    private static Question multipleChoice(
            JsonNode node, String field, String id, String text, String explanation, List<String> problems) {
        var optionsNode = node.get("options");
        if (optionsNode != null
                && optionsNode.isArray()
                && !optionsNode.isEmpty()
                && optionsNode.get(0).isObject()) {
            return optionObjects(optionsNode, field + ".options", id, text, explanation, problems);
        }
        var options = options(optionsNode, field + ".options", problems);
        var answer = node.get("answer");
        if (answer == null || answer.isNull()) {
            problems.add(field + ".answer: is required: the 0-based index of the right option");
        } else if (!answer.isIntegralNumber() || !answer.canConvertToInt()) {
            problems.add(field + ".answer: must be the 0-based index of the right option, not "
                    + (answer.isNumber() ? answer.asText() : Json.describe(answer)));
        } else if (options != null && (answer.intValue() < 0 || answer.intValue() >= options.size())) {
            problems.add(field + ".answer: " + answer.intValue() + " is not the index of an option (0 to "
                    + (options.size() - 1) + ")");
        } else if (options != null && text != null) {
            var question = MultipleChoice.of(text, options, answer.intValue(), explanation);
            return new MultipleChoice(id, question.question(), question.options(), explanation);
        }
        return null;
    }

    /** Progy's options: {@code {id, text, isCorrect, explanation}}. */
    private static Question optionObjects(
            JsonNode node, String field, String id, String text, String explanation, List<String> problems) {
        if (node.size() < 2) {
            problems.add(field + ": must offer at least two choices");
            return null;
        }
        var options = new ArrayList<MultipleChoice.Option>();
        var seen = new HashMap<String, Integer>();
        var before = problems.size();
        for (var i = 0; i < node.size(); i++) {
            var element = field + "[" + i + "]";
            var option = node.get(i);
            if (!option.isObject()) {
                problems.add(element + ": must be an object with text and isCorrect, not " + Json.describe(option));
                continue;
            }
            var optionText = text(option.get("text"), element + ".text", true, problems);
            var correct = option.get("isCorrect");
            if (correct != null && !correct.isNull() && !correct.isBoolean()) {
                problems.add(element + ".isCorrect: must be true or false, not " + Json.describe(correct));
            }
            var optionExplanation = text(option.get("explanation"), element + ".explanation", false, problems);
            if (optionText != null) {
                var previous = seen.putIfAbsent(optionText.strip(), i);
                if (previous != null) {
                    problems.add(element + ".text: repeats option " + previous);
                }
                options.add(new MultipleChoice.Option(
                        optionText, correct != null && correct.asBoolean(false), optionExplanation));
            }
        }
        if (problems.size() == before && options.stream().noneMatch(MultipleChoice.Option::correct)) {
            problems.add(field + ": no option has \"isCorrect\": true");
        }
        return problems.size() == before && text != null ? new MultipleChoice(id, text, options, explanation) : null;
    }

    private static Question trueFalse(
            JsonNode node, String field, String id, String text, String explanation, List<String> problems) {
        var key = node.has("correctAnswer") ? "correctAnswer" : "answer";
        var answer = node.get(key);
        if (answer == null || answer.isNull()) {
            problems.add(field + ".correctAnswer: is required: true or false");
            return null;
        }
        if (!answer.isBoolean()) {
            problems.add(field + "." + key + ": must be true or false, not " + Json.describe(answer));
            return null;
        }
        return new TrueFalse(id, text, answer.booleanValue(), explanation);
    }

    private static Question textAnswer(
            JsonNode node, String field, String id, String text, String explanation, List<String> problems) {
        var key = node.has("acceptedAnswers") ? "acceptedAnswers" : "answers";
        var answers = node.get(key);
        if (answers == null || answers.isNull()) {
            problems.add(field + ".acceptedAnswers: is required: the answers to accept, such as [\"DROP\"]");
            return null;
        }
        if (!answers.isArray() || answers.isEmpty()) {
            problems.add(field + "." + key + ": must be a non-empty array of strings");
            return null;
        }
        var accepted = new ArrayList<String>();
        for (var i = 0; i < answers.size(); i++) {
            var answer = text(answers.get(i), field + "." + key + "[" + i + "]", true, problems);
            if (answer != null) {
                accepted.add(answer);
            }
        }
        var caseSensitive = node.get("caseSensitive");
        if (caseSensitive != null && !caseSensitive.isNull() && !caseSensitive.isBoolean()) {
            problems.add(field + ".caseSensitive: must be true or false, not " + Json.describe(caseSensitive));
        }
        return new TextAnswer(id, text, accepted, caseSensitive != null && caseSensitive.asBoolean(false), explanation);
    }

    private static Question matching(
            JsonNode node, String field, String id, String text, String explanation, List<String> problems) {
        var pairsNode = node.get("pairs");
        if (pairsNode == null || !pairsNode.isArray() || pairsNode.size() < 2) {
            problems.add(field + ".pairs: is required: at least two {\"left\": \"...\", \"right\": \"...\"}");
            return null;
        }
        var pairs = new ArrayList<Matching.Pair>();
        var rights = new HashMap<String, Integer>();
        for (var i = 0; i < pairsNode.size(); i++) {
            var element = field + ".pairs[" + i + "]";
            var pair = pairsNode.get(i);
            if (!pair.isObject()) {
                problems.add(element + ": must be an object with left and right, not " + Json.describe(pair));
                continue;
            }
            var left = text(pair.get("left"), element + ".left", true, problems);
            var right = text(pair.get("right"), element + ".right", true, problems);
            if (right != null) {
                var previous = rights.putIfAbsent(right.strip(), i);
                if (previous != null) {
                    problems.add(element + ".right: repeats pairs[" + previous + "].right: every right item must"
                            + " differ");
                }
            }
            if (left != null && right != null) {
                pairs.add(new Matching.Pair(left, right));
            }
        }
        return new Matching(id, text, pairs, explanation);
    }

    private static Integer minWords(JsonNode node, String field, List<String> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            problems.add(field + ": must be a whole number of words, not " + Json.describe(node));
            return null;
        }
        return node.intValue();
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
