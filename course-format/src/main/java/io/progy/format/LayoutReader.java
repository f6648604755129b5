package io.progy.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a course's modules and exercises (rules on {@link CourseLayout}), collecting two kinds of problems:
 * {@linkplain #errors() errors} that make the layout unreliable, and findings that only
 * {@link CourseChecker} reports.
 */
final class LayoutReader {

    private static final TomlMapper TOML = new TomlMapper();
    private static final Set<String> EXERCISE_FIELDS = Set.of("name", "dir", "hint", "skip");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern NUMBER_PREFIX = Pattern.compile("^[0-9]+[-_. ]*");

    private final Path root;
    private final List<CourseProblem> errors = new ArrayList<>();
    private final List<CourseProblem> all = new ArrayList<>();
    private final List<CourseModule> modules = new ArrayList<>();

    private LayoutReader(Path root) {
        this.root = root;
    }

    /**
     * An exercise as listed in an {@code info.toml}, before its directory is looked at; {@code title} is the display
     * name of Progy's {@code [exercises]} table form, or {@code null}.
     */
    private record Entry(String name, String dir, String hint, boolean skip, String title) {
        Entry(String name, String dir, String hint, boolean skip) {
            this(name, dir, hint, skip, null);
        }
    }

    static LayoutReader read(Path courseDir) throws IOException {
        var reader = new LayoutReader(courseDir.toAbsolutePath().normalize());
        reader.readContent();
        return reader;
    }

    CourseLayout layout() {
        return new CourseLayout(root, modules);
    }

    List<CourseProblem> errors() {
        return List.copyOf(errors);
    }

    /** Errors and findings together, in course order. */
    List<CourseProblem> problems() {
        return List.copyOf(all);
    }

    private void error(String path, String message) {
        var problem = new CourseProblem(path, message);
        errors.add(problem);
        all.add(problem);
    }

    private void finding(String path, String message) {
        all.add(new CourseProblem(path, message));
    }

    private void readContent() throws IOException {
        var content = root.resolve(CourseLayout.CONTENT);
        if (!Files.isDirectory(content, LinkOption.NOFOLLOW_LINKS)) {
            error(CourseLayout.CONTENT, "is missing: a course keeps its modules in a content/ directory");
            return;
        }
        var moduleDirs = subdirectories(content);
        if (moduleDirs.isEmpty()) {
            finding(CourseLayout.CONTENT, "has no modules");
        }
        for (var dir : moduleDirs) {
            readModule(dir);
        }
    }

    private void readModule(Path dir) throws IOException {
        var id = dir.getFileName().toString();
        var modulePath = relative(dir);
        var info = dir.resolve(CourseModule.INFO_FILE);
        if (!Files.exists(info, LinkOption.NOFOLLOW_LINKS)) {
            finding(
                    modulePath,
                    "has no " + CourseModule.INFO_FILE
                            + ": its exercises are taken in directory name order and its title from its name");
            var exercises = new ArrayList<Exercise>();
            for (var exerciseDir : subdirectories(dir)) {
                var name = exerciseDir.getFileName().toString();
                exercises.add(exercise(id, exerciseDir, new Entry(name, name, null, false)));
            }
            modules.add(new CourseModule(id, titleFromName(id), dir, null, exercises));
            return;
        }
        var infoPath = relative(info);
        if (!Files.isRegularFile(info, LinkOption.NOFOLLOW_LINKS)) {
            error(infoPath, "must be a regular file");
            return;
        }
        JsonNode document;
        try {
            document = TOML.readTree(Files.readAllBytes(info));
        } catch (JsonProcessingException e) {
            error(infoPath, Json.syntaxProblem("TOML", e));
            return;
        }
        var problems = new ArrayList<String>();
        var exercisesNode = document.get("exercises");
        var progyForm = exercisesNode == null || exercisesNode.isNull() || exercisesNode.isObject();
        var title = progyForm ? progyModuleTitle(document, infoPath, problems) : moduleTitle(document, problems);
        if (exercisesNode == null || exercisesNode.isNull()) {
            // Progy's form may leave the exercises out: the directories are taken in name order.
            finding(
                    infoPath,
                    "lists no exercises: they are taken in directory name order (list them in order with an"
                            + " [exercises] table, \"01_hello\" = \"Hello\", or [[exercises]] entries)");
            for (var problem : problems) {
                error(infoPath, problem);
            }
            var exercises = new ArrayList<Exercise>();
            for (var exerciseDir : subdirectories(dir)) {
                var name = exerciseDir.getFileName().toString();
                exercises.add(exercise(id, exerciseDir, new Entry(name, name, null, false)));
            }
            modules.add(new CourseModule(id, title == null ? titleFromName(id) : title, dir, info, exercises));
            return;
        }
        var entries = exercisesNode.isObject() ? tableEntries(exercisesNode, problems) : entries(document, problems);
        var exercises = new ArrayList<Exercise>();
        for (var i = 0; i < entries.size(); i++) {
            var entry = entries.get(i);
            if (entry == null) {
                continue;
            }
            var exerciseDir = dir.resolve(entry.dir());
            var field = exercisesNode.isObject() ? "exercises." + entry.name() : "exercises[" + i + "].dir";
            if (Files.isSymbolicLink(exerciseDir)) {
                problems.add(field + ": " + relative(exerciseDir) + " is a symbolic link, which is never packed");
            } else if (!Files.isDirectory(exerciseDir, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(field + ": directory " + relative(exerciseDir) + " does not exist");
            } else {
                exercises.add(exercise(id, exerciseDir, entry));
            }
        }
        for (var problem : problems) {
            error(infoPath, problem);
        }
        var listed = listedDirectories(document);
        for (var sub : subdirectories(dir)) {
            if (listed != null
                    && !listed.contains(EntryNames.key(sub.getFileName().toString()))) {
                finding(
                        relative(sub),
                        "is not listed in " + infoPath
                                + (progyForm
                                        ? " (add \"" + sub.getFileName()
                                                + "\" = \"<title>\" to its [exercises] table, or" + " remove it)"
                                        : " (add an [[exercises]] entry for it, or remove it)"));
            }
        }
        modules.add(new CourseModule(id, title == null ? titleFromName(id) : title, dir, info, exercises));
    }

    /**
     * The title in Progy's form, where {@code [module] title} may be missing: then its {@code message}, else one made
     * from the directory name (a finding, not an error).
     */
    private String progyModuleTitle(JsonNode document, String infoPath, List<String> problems) {
        var module = document.get("module");
        if (module != null && module.isObject()) {
            var title = module.get("title");
            if (title != null && title.isTextual() && !title.asText().isBlank()) {
                return title.asText();
            }
            if (title != null && !title.isNull()) {
                problems.add("module.title: must be a non-empty string"
                        + (title.isTextual() ? "" : ", not " + Json.describe(title)));
                return null;
            }
            var message = module.get("message");
            if (message != null && message.isTextual() && !message.asText().isBlank()) {
                finding(
                        infoPath,
                        "module.title: is missing; the module shows its message as title (add title = \"...\")");
                return message.asText();
            }
        } else if (module != null && !module.isNull()) {
            problems.add("module: must be a table ([module]), not " + Json.describe(module));
            return null;
        }
        finding(
                infoPath,
                "module.title: is missing; the title is made from the directory name (add [module] and"
                        + " title = \"...\")");
        return null;
    }

    /**
     * Progy's {@code [exercises]} table: directory name to display name ({@code "01_hello" = "Hello"}) or to a table
     * with an optional {@code title} (and Progy's {@code xp}, {@code prerequisites}, {@code tags},
     * {@code difficulty}, which are ignored), in file order.
     */
    private static List<Entry> tableEntries(JsonNode table, List<String> problems) {
        var entries = new ArrayList<Entry>();
        var dirs = new HashMap<String, String>();
        var fields = table.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            var key = field.getKey();
            var where = "exercises." + key;
            var dir = dir(com.fasterxml.jackson.databind.node.TextNode.valueOf(key), key, where, problems);
            String title = null;
            var value = field.getValue();
            if (value.isTextual()) {
                title = value.asText().isBlank() ? null : value.asText().strip();
            } else if (value.isObject()) {
                var titleNode = value.get("title");
                if (titleNode != null && !titleNode.isNull()) {
                    if (titleNode.isTextual()) {
                        title = titleNode.asText().isBlank()
                                ? null
                                : titleNode.asText().strip();
                    } else {
                        problems.add(where + ".title: must be a string, not " + Json.describe(titleNode));
                        dir = null;
                    }
                }
            } else {
                problems.add(where + ": must be the exercise's display name, such as \"Hello\", not "
                        + Json.describe(value));
                dir = null;
            }
            if (dir != null) {
                var previous = dirs.putIfAbsent(EntryNames.key(dir), key);
                if (previous != null) {
                    problems.add(where + ": '" + key + "' is the same directory as '" + previous
                            + "' on a case-insensitive file system");
                    dir = null;
                }
            }
            entries.add(dir == null ? null : new Entry(key, dir, null, false, title));
        }
        return entries;
    }

    private String moduleTitle(JsonNode document, List<String> problems) {
        var module = document.get("module");
        if (module == null || module.isNull()) {
            problems.add("module: is required: start the file with [module] and title = \"...\"");
            return null;
        }
        if (!module.isObject()) {
            problems.add("module: must be a table ([module]), not " + Json.describe(module));
            return null;
        }
        var title = module.get("title");
        if (title == null || title.isNull()) {
            problems.add("module.title: is required");
            return null;
        }
        if (!title.isTextual() || title.asText().isBlank()) {
            problems.add("module.title: must be a non-empty string"
                    + (title.isTextual() ? "" : ", not " + Json.describe(title)));
            return null;
        }
        return title.asText();
    }

    /**
     * The directory names the {@code [[exercises]]} mention, even in entries with other problems (as
     * {@link EntryNames#key(String)}), so that no directory is called unlisted because of a typo elsewhere; or
     * {@code null} when there is no usable list at all.
     */
    private static Set<String> listedDirectories(JsonNode document) {
        var exercises = document.get("exercises");
        if (exercises != null && exercises.isObject()) {
            var keys = new HashSet<String>();
            exercises.fieldNames().forEachRemaining(key -> keys.add(EntryNames.key(key)));
            return keys;
        }
        if (exercises == null || !exercises.isArray()) {
            return null;
        }
        var listed = new HashSet<String>();
        for (var entry : exercises) {
            var dir = entry.path("dir").isTextual() ? entry.get("dir") : entry.path("name");
            if (dir.isTextual()) {
                listed.add(EntryNames.key(dir.asText()));
            }
        }
        return listed;
    }

    /** The listed exercises; {@code null} stands for an entry too broken to use. */
    private List<Entry> entries(JsonNode document, List<String> problems) {
        var exercises = document.get("exercises");
        if (exercises == null || exercises.isNull()) {
            problems.add("exercises: is required: list the exercises in order, each as an [[exercises]] table"
                    + " with name and dir");
            return List.of();
        }
        if (!exercises.isArray()) {
            problems.add("exercises: must be a list of [[exercises]] tables, not " + Json.describe(exercises));
            return List.of();
        }
        var entries = new ArrayList<Entry>();
        var names = new HashMap<String, Integer>();
        var dirs = new HashMap<String, Integer>();
        for (var i = 0; i < exercises.size(); i++) {
            var field = "exercises[" + i + "]";
            var node = exercises.get(i);
            if (!node.isObject()) {
                problems.add(field + ": must be a table ([[exercises]]), not " + Json.describe(node));
                entries.add(null);
                continue;
            }
            var before = problems.size();
            node.fieldNames().forEachRemaining(key -> {
                if (!EXERCISE_FIELDS.contains(key)) {
                    problems.add(field + "." + key + ": is not an exercise field (its fields are "
                            + EXERCISE_FIELDS.stream().sorted().collect(Collectors.joining(", ")) + ")");
                }
            });
            var name = name(node.get("name"), field + ".name", problems);
            var dir = dir(node.get("dir"), name, field + ".dir", problems);
            var hint = optionalString(node.get("hint"), field + ".hint", problems);
            var skip = optionalBoolean(node.get("skip"), field + ".skip", problems);
            if (name != null) {
                var previous = names.putIfAbsent(name, i);
                if (previous != null) {
                    problems.add(field + ".name: '" + name + "' is already the name of exercises[" + previous + "]");
                }
            }
            if (dir != null) {
                var previous = dirs.putIfAbsent(EntryNames.key(dir), i);
                if (previous != null) {
                    var other = entries.get(previous);
                    problems.add(field + ".dir: '" + dir + "' is already the directory of exercises[" + previous + "]"
                            + (other != null && !other.dir().equals(dir)
                                    ? " ('" + other.dir() + "', the same on a case-insensitive file system)"
                                    : ""));
                }
            }
            entries.add(problems.size() == before ? new Entry(name, dir, hint, skip) : null);
        }
        return entries;
    }

    private static String name(JsonNode node, String field, List<String> problems) {
        if (node == null || node.isNull()) {
            problems.add(field + ": is required");
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            problems.add(
                    field + ": must be a non-empty string" + (node.isTextual() ? "" : ", not " + Json.describe(node)));
            return null;
        }
        if (node.asText().contains("/")) {
            problems.add(field + ": '" + node.asText() + "' must not contain '/'");
            return null;
        }
        return node.asText();
    }

    private static String dir(JsonNode node, String name, String field, List<String> problems) {
        if (node == null || node.isNull()) {
            return name;
        }
        if (!node.isTextual()) {
            problems.add(field + ": must be a string, not " + Json.describe(node));
            return null;
        }
        var dir = node.asText();
        if (dir.contains("/") || dir.contains("\\")) {
            problems.add(field + ": '" + dir + "' must be the name of a directory inside the module, not a path");
            return null;
        }
        if (dir.startsWith(".")) {
            problems.add(field + ": '" + dir + "' must not start with '.'");
            return null;
        }
        var problem = EntryNames.problem(dir);
        if (problem.isPresent()) {
            problems.add(field + ": '" + dir + "' is not a portable directory name: " + problem.get());
            return null;
        }
        return dir;
    }

    private static String optionalString(JsonNode node, String field, List<String> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(field + ": must be a string, not " + Json.describe(node));
            return null;
        }
        return node.asText().isBlank() ? null : node.asText();
    }

    private static boolean optionalBoolean(JsonNode node, String field, List<String> problems) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            problems.add(field + ": must be true or false, not " + Json.describe(node));
            return false;
        }
        return node.booleanValue();
    }

    private Exercise exercise(String module, Path dir, Entry entry) throws IOException {
        var readme = file(dir, Exercise.README);
        return new Exercise(
                module + "/" + dir.getFileName(),
                module,
                entry.name(),
                entry.title() != null
                        ? entry.title()
                        : readme == null ? entry.name() : readmeTitle(readme, entry.name()),
                relative(dir),
                dir,
                readme,
                file(dir, Exercise.HINTS),
                file(dir, Exercise.QUIZ),
                solution(dir),
                entry.hint(),
                entry.skip());
    }

    private static Path file(Path dir, String name) {
        var file = dir.resolve(name);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file : null;
    }

    private static Path solution(Path dir) throws IOException {
        try (var children = Files.list(dir)) {
            return children.filter(child -> child.getFileName()
                                    .toString()
                                    .toLowerCase(Locale.ROOT)
                                    .startsWith(Exercise.SOLUTION_PREFIX)
                            && !Files.isSymbolicLink(child))
                    .min((a, b) -> NaturalOrder.INSTANCE.compare(
                            a.getFileName().toString(), b.getFileName().toString()))
                    .orElse(null);
        }
    }

    /** The text of the first {@code # heading} outside code blocks, or {@code fallback}. */
    private static String readmeTitle(Path readme, String fallback) throws IOException {
        var text = new String(Files.readAllBytes(readme), StandardCharsets.UTF_8);
        String fence = null;
        for (var line : text.split("\\R", -1)) {
            var fenceMatch = FENCE.matcher(line);
            if (fenceMatch.find()) {
                var marker = fenceMatch.group(1);
                if (fence == null) {
                    fence = marker;
                } else if (marker.charAt(0) == fence.charAt(0) && marker.length() >= fence.length()) {
                    fence = null;
                }
                continue;
            }
            if (fence != null) {
                continue;
            }
            var heading = HEADING.matcher(line);
            if (heading.matches() && !heading.group(1).isBlank()) {
                return heading.group(1).strip();
            }
        }
        return fallback;
    }

    /** {@code 02_control_flow} gives {@code Control flow}. */
    static String titleFromName(String name) {
        var words = NUMBER_PREFIX
                .matcher(name)
                .replaceFirst("")
                .replace('_', ' ')
                .replace('-', ' ')
                .strip();
        if (words.isEmpty()) {
            return name;
        }
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /** Directories directly in {@code dir}, not hidden, not symbolic links, in natural name order. */
    static List<Path> subdirectories(Path dir) throws IOException {
        try (var children = Files.list(dir)) {
            return children.filter(child -> Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
                            && !child.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> NaturalOrder.INSTANCE.compare(
                            a.getFileName().toString(), b.getFileName().toString()))
                    .toList();
        }
    }

    private String relative(Path path) {
        return relative(root, path);
    }

    static String relative(Path root, Path path) {
        var parts = new ArrayList<String>();
        for (var part : root.relativize(path)) {
            parts.add(part.toString());
        }
        return String.join("/", parts);
    }
}
