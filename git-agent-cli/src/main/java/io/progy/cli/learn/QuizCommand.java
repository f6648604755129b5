package io.progy.cli.learn;

import com.fasterxml.jackson.databind.JsonNode;
import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.Json;
import io.progy.cli.ProgyCommand;
import io.progy.format.Quiz;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code progy quiz}: asks an exercise's quiz.json questions in the terminal. */
@Command(
        name = "quiz",
        mixinStandardHelpOptions = true,
        description = {
            "Take an exercise's quiz (the current exercise by default): answer each question (an option's number,"
                    + " t or f, a few words, a letter per item to match, or a line for an essay). The score is kept"
                    + " in .progy/state.json and the answers in .progy/quiz/; essays are recorded, not graded.",
            "Answers are read line by line from standard input, so a quiz can also be answered from a script."
        })
public final class QuizCommand extends ProgyCommand {
    @Mixin
    CourseDirOption where;

    @Mixin
    ExerciseArgument exercise;

    /** Asks one question until a usable answer comes; exit 2 (nothing recorded) when the input ends first. */
    private static JsonNode ask(Quiz.Question question, BufferedReader input, PrintStream talk) throws IOException {
        var json = Json.mapper().getNodeFactory();
        if (question instanceof Quiz.MultipleChoice choice) {
            var options = choice.options();
            for (int o = 0; o < options.size(); o++) {
                talk.println("  " + (o + 1) + ") " + options.get(o).text());
            }
            var several = choice.multipleAnswers();
            while (true) {
                var line = prompt(
                        several
                                ? "Your answers (numbers from 1 to " + options.size() + ", separated by commas): "
                                : "Your answer (1-" + options.size() + "): ",
                        input,
                        talk);
                var picked = json.arrayNode();
                var valid = !line.isBlank();
                for (var part : line.split("[,\\s]+")) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    try {
                        var number = Integer.parseInt(part);
                        valid &= number >= 1 && number <= options.size();
                        picked.add(number - 1);
                    } catch (NumberFormatException e) {
                        valid = false;
                    }
                }
                if (valid && (several || picked.size() == 1)) {
                    return several ? picked : picked.get(0);
                }
                talk.println("Type a number from 1 to " + options.size() + (several ? " (or several)." : "."));
            }
        }
        if (question instanceof Quiz.TrueFalse) {
            while (true) {
                var line = prompt("true or false (t/f): ", input, talk).strip().toLowerCase(java.util.Locale.ROOT);
                if (line.equals("t") || line.equals("true")) {
                    return json.booleanNode(true);
                }
                if (line.equals("f") || line.equals("false")) {
                    return json.booleanNode(false);
                }
                talk.println("Type t or f.");
            }
        }
        if (question instanceof Quiz.Matching matching) {
            var rights = QuizAnswers.offeredRights(matching);
            for (int r = 0; r < rights.size(); r++) {
                talk.println("  " + (char) ('a' + r) + ") " + rights.get(r));
            }
            var picked = json.arrayNode();
            for (var pair : matching.pairs()) {
                while (true) {
                    var line = prompt(pair.left() + " → (a-" + (char) ('a' + rights.size() - 1) + "): ", input, talk)
                            .strip()
                            .toLowerCase(java.util.Locale.ROOT);
                    if (line.length() == 1 && line.charAt(0) >= 'a' && line.charAt(0) < 'a' + rights.size()) {
                        picked.add(rights.get(line.charAt(0) - 'a'));
                        break;
                    }
                    talk.println("Type a letter from a to " + (char) ('a' + rights.size() - 1) + ".");
                }
            }
            return picked;
        }
        var essay = question instanceof Quiz.Essay e ? e : null;
        while (true) {
            var line = prompt(
                    essay != null ? "Your answer (one line; it is recorded, not graded): " : "Your answer: ",
                    input,
                    talk);
            if (!line.isBlank()) {
                return json.textNode(line.strip());
            }
            talk.println("Type an answer.");
        }
    }

    private static String prompt(String text, BufferedReader input, PrintStream talk) throws IOException {
        talk.print(text);
        talk.flush();
        var line = input.readLine();
        if (line == null) {
            talk.println();
            throw CliException.usage("the quiz ended before every question was answered; nothing recorded");
        }
        return line;
    }

    @Override
    protected int run() throws Exception {
        var out = output();
        var course = StudentCourse.open(where.start(context()));
        var target = exercise.in(course);
        if (target.quiz() == null) {
            throw CliException.usage(target.name() + " (" + target.path() + ") has no quiz");
        }
        Quiz quiz;
        try {
            quiz = Quiz.read(target.quiz());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("invalid quiz.json in " + target.path() + ": " + e.getMessage());
        }
        // The questions are the conversation: on stdout, unless stdout carries the JSON result.
        PrintStream talk = out.json() ? context().err() : context().out();
        var input = new BufferedReader(new InputStreamReader(context().in(), StandardCharsets.UTF_8));
        var questions = quiz.questions();
        var answers = new LinkedHashMap<String, JsonNode>();
        for (int q = 0; q < questions.size(); q++) {
            var question = questions.get(q);
            talk.println();
            talk.println(out.bold("Question " + (q + 1) + " of " + questions.size() + ": ") + question.question());
            var answer = ask(question, input, talk);
            answers.put(question.id(), answer);
            var verdict = QuizAnswers.grade(question, answer);
            if (verdict.correct() == null) {
                talk.println(verdict.feedback());
            } else if (verdict.correct()) {
                talk.println(out.green("✓ " + verdict.feedback()));
            } else {
                talk.println("✗ " + verdict.feedback());
            }
            if (verdict.explanation() != null && !verdict.explanation().isBlank()) {
                talk.println("  " + verdict.explanation());
            }
        }
        var result = QuizAnswers.gradeAndRecord(course, target, quiz, answers);
        if (out.json()) {
            var json = new LinkedHashMap<String, Object>();
            json.put("exercise", target.id());
            json.put("correct", result.correct());
            json.put("total", result.total());
            json.put("answers", answers);
            out.printJson(json);
        } else {
            talk.println();
            talk.println(out.bold("Score: " + result.correct() + " of " + result.total()));
        }
        return ExitCode.OK;
    }
}
