package io.progy.cli.course;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.FileTrees;
import io.progy.cli.ProgyCommand;
import io.progy.format.CourseLayout;
import io.progy.format.CourseManifest;
import io.progy.format.CourseModule;
import io.progy.format.InvalidCourseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code progy course add-exercise}: a new exercise at the end of a module, listed in its {@code info.toml}. */
@Command(
        name = "add-exercise",
        mixinStandardHelpOptions = true,
        description = {
            "Add an exercise at the end of a module.",
            "Writes content/<module>/<NN>_<name>/ (README.md, hints.md, Exercise.java, tests.txt and"
                    + " solution/Exercise.java) with the next number, and appends it to the module's info.toml."
                    + " A module that does not exist yet is created, with its info.toml, after the others.",
            "MODULE is a module directory (01_basics) or its name without the number (basics). Names start"
                    + " with a letter, then letters, digits, _ or -."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  progy course add-exercise basics loops",
            "  progy course add-exercise 02_control_flow fizzbuzz --dir courses/java-intro"
        })
public final class AddExerciseCommand extends ProgyCommand {
    @Parameters(index = "0", paramLabel = "MODULE", description = "The module (created when missing).")
    String module;

    @Parameters(index = "1", paramLabel = "NAME", description = "The exercise's name, such as loops.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "Course directory (default: .).")
    Path dir = Path.of(".");

    @Override
    protected int run() throws IOException {
        if (!ExerciseTemplate.NAME.matcher(name).matches()) {
            throw CliException.usage("invalid exercise name '" + name
                    + "': start with a letter, then letters, digits, _ or - (at most 64 characters)");
        }
        var root = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve(CourseManifest.FILE_NAME))) {
            throw CliException.usage("no course.json in " + root + " (is it a course directory? see --dir)");
        }
        CourseLayout layout;
        try {
            layout = CourseLayout.load(root);
        } catch (InvalidCourseException e) {
            throw CliException.conflict("fix the course first (progy course check):\n" + e.getMessage());
        }
        var target = findModule(layout);
        var moduleDir = target == null ? createModuleDir(layout, root) : target.dir();
        var existing = existingDirectories(moduleDir);
        if (target != null) {
            for (var exercise : target.exercises()) {
                if (exercise.name().equals(name)
                        || ExerciseTemplate.unnumbered(exercise.dirName()).equals(name)) {
                    throw CliException.conflict("module " + target.id() + " already has an exercise " + name + " ("
                            + exercise.path() + ")");
                }
            }
            for (var other : existing) {
                if (ExerciseTemplate.unnumbered(other).equals(name)) {
                    throw CliException.conflict(moduleDir.resolve(other)
                            + " already exists (not listed in info.toml): list it or remove it");
                }
            }
        }
        var exerciseDir = ExerciseTemplate.nextNumbered(existing, name);
        var moduleId = moduleDir.getFileName().toString();
        var path = CourseLayout.CONTENT + "/" + moduleId + "/" + exerciseDir;
        var info = moduleDir.resolve(CourseModule.INFO_FILE);
        var created = target == null;
        List<String> written;
        try {
            written = ExerciseTemplate.named(name).write(moduleDir.resolve(exerciseDir), path);
            ModuleInfo.append(info, entries(target, exerciseDir));
        } catch (IOException | RuntimeException e) {
            FileTrees.delete(created ? moduleDir : moduleDir.resolve(exerciseDir), false);
            throw e;
        }
        var out = output();
        if (out.json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("id", moduleId + "/" + exerciseDir);
            result.put("name", name);
            result.put("path", path);
            result.put("module_created", created);
            result.put("files", written);
            out.printJson(result);
        } else {
            out.println("Added " + out.bold(path) + " (" + name + ") to " + (created ? "the new module " : "")
                    + CourseLayout.CONTENT + "/" + moduleId + "/" + CourseModule.INFO_FILE);
        }
        return ExitCode.OK;
    }

    /** The module named {@code module}: by directory ({@code 01_basics}) or by name without its number. */
    private CourseModule findModule(CourseLayout layout) {
        for (var candidate : layout.modules()) {
            if (candidate.id().equals(module)) {
                return candidate;
            }
        }
        var matches = layout.modules().stream()
                .filter(candidate -> ExerciseTemplate.unnumbered(candidate.id()).equals(module))
                .toList();
        if (matches.size() > 1) {
            throw CliException.usage("module '" + module + "' is ambiguous: "
                    + String.join(", ", matches.stream().map(CourseModule::id).toList()));
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    private Path createModuleDir(CourseLayout layout, Path root) throws IOException {
        if (!ExerciseTemplate.NAME.matcher(module).matches()) {
            throw CliException.usage("no module '" + module + "', and it is not a valid name for a new one: start"
                    + " with a letter, then letters, digits, _ or - (at most 64 characters)");
        }
        var ids = layout.modules().stream().map(CourseModule::id).toList();
        var moduleDir = root.resolve(CourseLayout.CONTENT).resolve(ExerciseTemplate.nextNumbered(ids, module));
        Files.createDirectories(moduleDir);
        return moduleDir;
    }

    /** The text appended to {@code info.toml}; a module without one gets it with its current exercises first. */
    private String entries(CourseModule target, String exerciseDir) {
        var text = new StringBuilder();
        if (target == null || target.info() == null) {
            var title = target == null ? ExerciseTemplate.titleOf(module) : target.title();
            text.append(ModuleInfo.header(title));
            if (target != null) {
                for (var exercise : target.exercises()) {
                    text.append(ModuleInfo.entry(exercise.name(), exercise.dirName()));
                }
            }
        }
        return text.append(ModuleInfo.entry(name, exerciseDir)).toString();
    }

    private static List<String> existingDirectories(Path moduleDir) throws IOException {
        var names = new ArrayList<String>();
        try (var children = Files.list(moduleDir)) {
            children.filter(Files::isDirectory)
                    .map(child -> child.getFileName().toString())
                    .forEach(names::add);
        }
        return names;
    }
}
