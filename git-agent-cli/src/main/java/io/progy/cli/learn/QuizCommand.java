package io.progy.cli.learn;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.format.ProgressState;
import io.progy.format.Quiz;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code progy quiz}: asks an exercise's quiz.json questions in the terminal. */
@Command(
        name = "quiz",
        mixinStandardHelpOptions = true,
        description = {
            "Take an exercise's quiz (the current exercise by default): answer each multiple-choice question"
                    + " with its number. The score is kept in .progy/state.json.",
            "Answers are read line by line from standard input, so a quiz can also be answered from a script."
        })
public final class QuizCommand extends ProgyCommand {
    @Mixin
    CourseDirOption where;

    @Mixin
    ExerciseArgument exercise;

    @Override
    protected int run() throws Exception {
        var out = output();
        var course = StudentCourse.open(where.start());
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
        var answers = new ArrayList<Integer>();
        int correct = 0;
        for (int q = 0; q < questions.size(); q++) {
            var question = questions.get(q);
            talk.println();
            talk.println(out.bold("Question " + (q + 1) + " of " + questions.size() + ": ") + question.question());
            for (int o = 0; o < question.options().size(); o++) {
                talk.println("  " + (o + 1) + ") " + question.options().get(o));
            }
            int choice = -1;
            while (choice < 0) {
                talk.print("Your answer (1-" + question.options().size() + "): ");
                talk.flush();
                var line = input.readLine();
                if (line == null) {
                    talk.println();
                    throw CliException.usage("the quiz ended before every question was answered; nothing recorded");
                }
                try {
                    var number = Integer.parseInt(line.strip());
                    if (number >= 1 && number <= question.options().size()) {
                        choice = number - 1;
                    }
                } catch (NumberFormatException e) {
                    // asked again below
                }
                if (choice < 0) {
                    talk.println("Type a number from 1 to " + question.options().size() + ".");
                }
            }
            answers.add(choice);
            if (question.isCorrect(choice)) {
                correct++;
                talk.println(out.green("✓ Right."));
            } else {
                talk.println("✗ Not quite: the answer is " + (question.answer() + 1) + ") "
                        + question.options().get(question.answer()) + ".");
            }
            if (question.explanation() != null && !question.explanation().isBlank()) {
                talk.println("  " + question.explanation());
            }
        }
        var score = new ProgressState.QuizScore(correct, questions.size(), Instant.now());
        course.update(course.state().withQuiz(target.id(), score));
        if (out.json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("exercise", target.id());
            result.put("correct", correct);
            result.put("total", questions.size());
            result.put("answers", answers);
            out.printJson(result);
        } else {
            talk.println();
            talk.println(out.bold("Score: " + correct + " of " + questions.size()));
        }
        return ExitCode.OK;
    }
}
