package io.progy.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The static part of {@code progy course check}: everything wrong with a course directory that can be seen without
 * running anything, all reported at once.
 *
 * <ul>
 *   <li>{@code course.json}: missing, or every problem {@link CourseManifest#parse(byte[])} finds (as
 *       {@code field: message}); no {@code runner} (nor Progy's {@code runners}); a runner program that is a file
 *       of the course (packed files are not executable, so it must be run through an interpreter) or is missing.
 *   <li>The layout ({@link CourseLayout}): no {@code content/}; every {@code info.toml} that is not valid TOML,
 *       lacks a field, has a field of the wrong type or an unknown exercise field, repeats an exercise name or
 *       directory, or lists a directory that is missing; a module without {@code info.toml}; exercise directories
 *       that no {@code info.toml} lists.
 *   <li>Exercises without {@code README.md}; every {@code quiz.json} that is not a valid {@link Quiz}; module
 *       {@code info.toml} files and exercise directories that {@code files} leaves out of the package.
 *   <li>Every Markdown file ({@code *.md}) in the course: relative links and images whose target is missing, lies
 *       outside the course directory, or is left out of the package by {@code files} while the Markdown file is
 *       packed. Links with a scheme ({@code https:}, {@code mailto:} ...) and anchors are not checked.
 * </ul>
 *
 * Directories the packer never packs ({@code .git}, {@code node_modules}, {@code target}, {@code .progy}) are not
 * searched. Running the checks against solutions is left to the command line.
 */
public final class CourseChecker {

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "node_modules", "target", ".progy");
    private static final String MANIFEST = CourseManifest.FILE_NAME;
    private static final String LEFT_OUT = "is left out of the package by course.json's files";

    private final Path root;
    private final List<CourseProblem> problems = new ArrayList<>();
    /** The packed files ({@code /}-separated), or {@code null} when the course cannot be packed as it is. */
    private Set<String> packed;

    private CourseChecker(Path root) {
        this.root = root;
    }

    /**
     * Checks a course directory.
     *
     * @param courseDir the course root, holding {@code course.json}
     * @return every problem found, {@code course.json} first, then by path; empty when the course is clean
     * @throws NotDirectoryException if {@code courseDir} is not a directory
     * @throws IOException if the course cannot be read
     */
    public static List<CourseProblem> check(Path courseDir) throws IOException {
        var root = courseDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root.toString());
        }
        return new CourseChecker(root).run();
    }

    private List<CourseProblem> run() throws IOException {
        var manifest = manifest();
        if (manifest != null) {
            packed = packedFiles();
            runner(manifest);
        }
        var layout = LayoutReader.read(root);
        problems.addAll(layout.problems());
        for (var module : layout.layout().modules()) {
            if (module.info() != null && packed != null && !isPacked(module.info())) {
                add(LayoutReader.relative(root, module.info()), LEFT_OUT);
            }
        }
        for (var exercise : layout.layout().exercises()) {
            if (packed != null && !isPacked(exercise.dir())) {
                add(exercise.path(), LEFT_OUT);
            }
            if (exercise.readme() == null) {
                add(exercise.path(), "has no " + Exercise.README + " telling the student what to do");
            }
            if (exercise.quiz() != null) {
                quiz(exercise.quiz());
            }
        }
        markdownLinks();
        var sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparing(CourseProblem::path, CourseChecker::comparePaths));
        return List.copyOf(sorted);
    }

    private CourseManifest manifest() {
        var file = root.resolve(MANIFEST);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            add(MANIFEST, "is missing: a course needs a course.json at its root");
            return null;
        }
        try {
            var manifest = CourseManifest.readLenient(file);
            for (var problem : manifest.publishProblems()) {
                add(MANIFEST, problem.toString());
            }
            return manifest;
        } catch (InvalidManifestException e) {
            for (var problem : ManifestValidator.publishProblems(file)) {
                add(MANIFEST, problem.toString());
            }
            for (var problem : e.problems()) {
                add(MANIFEST, problem.toString());
            }
            return null;
        }
    }

    private Set<String> packedFiles() throws IOException {
        if (!Files.isDirectory(root.resolve(CourseLayout.CONTENT), LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            return new HashSet<>(CoursePacker.listFiles(root));
        } catch (InvalidManifestException | InvalidArchiveException e) {
            return null;
        }
    }

    private void runner(CourseManifest manifest) {
        var runners = manifest.runners();
        if (runners.isEmpty()) {
            add(
                    MANIFEST,
                    "runner: is missing: add {\"command\": [...]} (or Progy's \"runners\") so that progy test can check"
                            + " the exercises");
        }
        var progyIndex = 0;
        for (var runner : runners) {
            var own =
                    runner.id().equals(RunnerSpec.DEFAULT_ID) && manifest.raw().has(RunnerReader.FIELD);
            var field = own ? RunnerReader.FIELD : RunnerReader.RUNNERS + "[" + progyIndex++ + "]";
            program(runner, own ? field + ".command[0]" : field + ".command");
            if (!runner.cwd().equals(".")) {
                exists(runner.cwd(), field + ".cwd", "directory");
            }
            if (runner.dockerfile() != null) {
                exists(runner.dockerfile(), field + ".dockerfile", "Dockerfile");
            }
            if (runner.compose() != null) {
                exists(runner.compose().file(), field + ".compose_file", "Compose file");
            }
        }
        manifest.setup().ifPresent(setup -> {
            if (setup.guide() != null) {
                exists(setup.guide(), "setup.guide", "guide");
            }
        });
        if (manifest.branding().coverImage() != null) {
            exists(manifest.branding().coverImage(), "branding.coverImage", "cover image");
        }
    }

    /** A file the manifest names must exist in the course, and be packed. */
    private void exists(String relative, String field, String what) {
        Path file;
        try {
            file = resolve(relative);
        } catch (InvalidPathException e) {
            file = null;
        }
        if (file == null || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            add(MANIFEST, field + ": the " + what + " " + relative + " does not exist in the course");
        } else if (packed != null && !isPacked(file)) {
            add(MANIFEST, field + ": the " + what + " " + relative + " " + LEFT_OUT);
        }
    }

    private void program(RunnerSpec runner, String field) {
        if (runner.type() != RunnerSpec.Type.PROCESS) {
            return; // the program runs inside a container
        }
        var program = runner.command().get(0);
        if (program.contains("{{") || !program.contains("/") || program.startsWith("/")) {
            return; // a program on the PATH, an absolute path, or one that depends on the exercise
        }
        Path file;
        try {
            file = resolve(runner.cwd().equals(".") ? program : runner.cwd() + "/" + program);
        } catch (InvalidPathException e) {
            file = null;
        }
        var relative = file == null ? null : LayoutReader.relative(root, file);
        if (file == null || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            add(MANIFEST, field + ": " + program + " does not exist in the course");
        } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            add(
                    MANIFEST,
                    field + ": " + program + " is a file of the course, but files unpacked from a .progy are"
                            + " not executable: run it through its interpreter, such as [\"sh\", \"" + relative
                            + "\"]");
        }
    }

    private void quiz(Path file) throws IOException {
        try {
            Quiz.read(file);
        } catch (InvalidQuizException e) {
            var path = LayoutReader.relative(root, file);
            for (var problem : e.problems()) {
                add(path, problem);
            }
        }
    }

    private void markdownLinks() throws IOException {
        var files = new ArrayList<Path>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root)
                                && SKIPPED_DIRECTORIES.contains(
                                        dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()
                        && file.getFileName()
                                .toString()
                                .toLowerCase(Locale.ROOT)
                                .endsWith(".md")) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (var file : files) {
            links(file);
        }
    }

    private void links(Path markdown) throws IOException {
        var path = LayoutReader.relative(root, markdown);
        var text = new String(Files.readAllBytes(markdown), StandardCharsets.UTF_8);
        for (var link : MarkdownLinks.find(text)) {
            var where = "line " + link.line() + ": ";
            Path target;
            try {
                target = link.target().startsWith("/")
                        ? resolve(link.target().substring(1))
                        : resolveFrom(markdown.getParent(), link.target());
            } catch (InvalidPathException e) {
                add(path, where + "broken link to " + link.target() + ": not a valid path");
                continue;
            }
            if (target == null) {
                add(path, where + "link to " + link.target() + " leaves the course directory");
            } else if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                add(path, where + "broken link to " + link.target() + ": no such file or directory");
            } else if (packed != null && packed.contains(path) && !isPacked(target)) {
                add(
                        path,
                        where + "link to " + link.target()
                                + " breaks in the published course: course.json's files leave it out");
            }
        }
    }

    /** {@code relative} resolved against the course root, see {@link #resolveFrom(Path, String)}. */
    private Path resolve(String relative) {
        return resolveFrom(root, relative);
    }

    /**
     * {@code relative} resolved against {@code dir}; {@code null} if it is not a path inside the course.
     *
     * @throws InvalidPathException if it is not a path on this system
     */
    private Path resolveFrom(Path dir, String relative) {
        var resolved = dir.resolve(relative).normalize();
        return resolved.startsWith(root) ? resolved : null;
    }

    private boolean isPacked(Path target) {
        if (target.equals(root)) {
            return true;
        }
        var relative = LayoutReader.relative(root, target);
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return packed.contains(relative);
        }
        return packed.stream().anyMatch(file -> file.startsWith(relative + "/"));
    }

    private void add(String path, String message) {
        problems.add(new CourseProblem(path, message));
    }

    /** {@code course.json} first, then segment by segment in natural order, so a directory's problems stay together. */
    static int comparePaths(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.equals(MANIFEST) || b.equals(MANIFEST)) {
            return a.equals(MANIFEST) ? -1 : 1;
        }
        var left = a.split("/");
        var right = b.split("/");
        for (var i = 0; i < Math.min(left.length, right.length); i++) {
            var byName = NaturalOrder.INSTANCE.compare(left[i], right[i]);
            if (byName != 0) {
                return byName;
            }
        }
        return Integer.compare(left.length, right.length);
    }
}
