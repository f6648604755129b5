package io.progy.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a command written as one string (Progy's {@code runners[].command}, {@code setup.checks[].command}) into an
 * argument list, once, when the manifest is read: the command never reaches a shell.
 *
 * <p>Words are separated by spaces or tabs. {@code 'single quotes'} keep everything inside them as it is;
 * {@code "double quotes"} too, except that {@code \"} and {@code \\} stand for {@code "} and {@code \}; outside
 * quotes a backslash keeps the next character. Shell syntax that would need a shell to mean anything (pipes,
 * {@code &&}, {@code ;}, redirections, {@code $VAR}, {@code $(...)}, back quotes) is refused rather than passed on as
 * a literal argument, so a course never silently runs something else than its author meant.
 */
final class CommandWords {

    private static final Set<String> OPERATORS = Set.of("|", "||", "&&", "&", ";", ";;", ">", ">>", "<", "<<", "2>&1");

    private CommandWords() {}

    /**
     * The words of {@code command}.
     *
     * @throws IllegalArgumentException saying what is wrong: no words, an unclosed quote, shell syntax
     */
    static List<String> split(String command) {
        var words = new ArrayList<String>();
        var word = new StringBuilder();
        var inWord = false;
        var i = 0;
        while (i < command.length()) {
            var c = command.charAt(i);
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(checked(word.toString()));
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                var end = command.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("has a ' that is never closed");
                }
                word.append(command, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(command, i + 1, word);
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (c == '\n' || c == '\r') {
                throw new IllegalArgumentException("must be one line");
            } else {
                if (c == '`' || (c == '$' && i + 1 < command.length() && isShellExpansion(command.charAt(i + 1)))) {
                    throw needsShell(c == '`' ? "`" : "$" + command.charAt(i + 1));
                }
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(checked(word.toString()));
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("must not be empty: it needs at least the program to run");
        }
        return List.copyOf(words);
    }

    private static int doubleQuoted(String command, int from, StringBuilder word) {
        var i = from;
        while (i < command.length()) {
            var c = command.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\'
                    && i + 1 < command.length()
                    && (command.charAt(i + 1) == '"' || command.charAt(i + 1) == '\\')) {
                word.append(command.charAt(i + 1));
                i += 2;
            } else if (c == '`' || (c == '$' && i + 1 < command.length() && isShellExpansion(command.charAt(i + 1)))) {
                throw needsShell(c == '`' ? "`" : "$" + command.charAt(i + 1));
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("has a \" that is never closed");
    }

    private static String checked(String word) {
        if (OPERATORS.contains(word)) {
            throw needsShell(word);
        }
        return word;
    }

    private static boolean isShellExpansion(char next) {
        return next == '(' || next == '{' || Character.isLetter(next) || next == '_';
    }

    private static IllegalArgumentException needsShell(String syntax) {
        return new IllegalArgumentException("uses shell syntax (" + syntax + "), but progy runs commands without a"
                + " shell: put the commands in a script and run it through its interpreter, such as"
                + " \"sh runner/check.sh {{exercise}}\"");
    }
}
