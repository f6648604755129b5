package io.progy.cli.registry;

import io.progy.cli.ExitCode;
import io.progy.cli.Output;
import io.progy.cli.ProgyCommand;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code progy pack}: writes the deterministic {@code .progy} archive of a course directory. */
@Command(
        name = "pack",
        mixinStandardHelpOptions = true,
        description = {
            "Pack a course directory into a .progy archive.",
            "The archive is a deterministic zip: the same files always give the same bytes and sha256.",
            "Validates course.json first and lists every problem at once. Packs the files matched by"
                    + " course.json \"files\" (everything by default), never .git/, node_modules/, target/,"
                    + " .progy/ or symlinks.",
            "Writes <slug>-<version>.progy into the current directory (.progy files are never packed)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  progy pack          # the course in the current directory",
            "  progy pack courses/java-intro -o /tmp/java-intro.progy",
            "  progy pack --format json"
        })
public final class PackCommand extends ProgyCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Course directory (default: .).")
    Path dir = Path.of(".");

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Archive to write (default: ./<slug>-<version>.progy).")
    Path output;

    @Override
    protected int run() throws Exception {
        var courseDir = dir.toAbsolutePath().normalize();
        var target = output != null ? output.toAbsolutePath() : defaultOutput(courseDir);
        var pkg = CoursePackage.pack(courseDir, target);
        print(output(), pkg);
        return ExitCode.OK;
    }

    private static Path defaultOutput(Path courseDir) throws java.io.IOException {
        return Path.of("").toAbsolutePath().resolve(CoursePackage.fileName(CoursePackage.manifestOf(courseDir)));
    }

    static void print(Output out, CoursePackage pkg) {
        if (out.json()) {
            out.printJson(pkg.toJson());
            return;
        }
        out.println("Packed " + out.bold(pkg.name() + "@" + pkg.version()));
        out.println("  path:   " + pkg.archive());
        pkg.printSummary(out);
    }
}
