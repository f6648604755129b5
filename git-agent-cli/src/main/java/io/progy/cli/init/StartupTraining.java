package io.progy.cli.init;

import io.progy.cli.CliContext;
import io.progy.cli.FileTrees;
import io.progy.cli.Json;
import io.progy.cli.Output;
import io.progy.cli.Progy;
import io.progy.cli.http.HttpApi;
import io.progy.cli.progress.GitRemote;
import io.progy.cli.progress.ProgyToml;
import io.progy.format.CoursePacker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The training run behind the CLI's class-data archive ({@code bin/progy} runs it once with
 * {@code -XX:ArchiveClassesAtExit}): it goes through what real commands load, offline and in a temporary
 * directory, so their classes are mapped from the archive instead of being loaded and verified from the jar on
 * every start. It builds the command model ({@code --help}), writes a course skeleton and packs it, starts a
 * workspace from that package (reading the archive, recording the package, the first commit), pushes it to a bare
 * repository and clones it back (pack writing, parsing and checkout), and touches JSON and the HTTP client. It
 * prints nothing; a step that fails is skipped, as the archive is only an optimisation. The background process
 * ({@code io.progy.cli.daemon}) runs the same steps when it starts.
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        train();
    }

    /** Goes through the steps once (the background process does so when it starts, to be warm at once). */
    public static void train() throws IOException {
        var quiet = new PrintStream(OutputStream.nullOutputStream());
        var env = Map.of("PROGY_TELEMETRY", "off", "NO_COLOR", "1");
        var tmp = Files.createTempDirectory("progy-training-");
        try {
            step(() ->
                    Progy.execute(new String[] {"--help"}, env, quiet, quiet, new ByteArrayInputStream(new byte[0])));
            var source = tmp.resolve("course");
            step(() -> Progy.execute(
                    new String[] {"-q", "course", "new", source.toString(), "--name", "@training/course"},
                    Map.of("PROGY_HOME", tmp.resolve("home").toString(), "PROGY_TELEMETRY", "off"),
                    quiet,
                    quiet,
                    new ByteArrayInputStream(new byte[0])));
            var artifact = tmp.resolve("course.progy");
            step(() -> CoursePacker.pack(source, artifact));
            var workspace = tmp.resolve("workspace");
            step(() -> Workspace.create(
                    workspace,
                    PendingCourse.start(() -> new FetchedCourse("@training/course", "1.0.0", "", artifact, true)),
                    course -> new ProgyToml(course.name(), course.version(), "", "http://127.0.0.1", ""),
                    GitRemote.NONE,
                    version -> {
                        throw new IOException("offline");
                    }));
            var bare = tmp.resolve("remote.git");
            step(() -> {
                try (var remote = Git.init()
                                .setBare(true)
                                .setDirectory(bare.toFile())
                                .call();
                        var local = Git.open(workspace.toFile())) {
                    local.push()
                            .setRemote(bare.toUri().toString())
                            .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
                            .call();
                }
                Git.cloneRepository()
                        .setURI(bare.toUri().toString())
                        .setDirectory(tmp.resolve("clone").toFile())
                        .setBranch("main")
                        .call()
                        .close();
                return null;
            });
            step(() -> Json.mapper().readTree(Json.mapper().writeValueAsString(Map.of("course", "@training/course"))));
            step(() -> new HttpApi(
                    "http://127.0.0.1:9",
                    null,
                    Output.of(new CliContext(env, quiet, quiet, new ByteArrayInputStream(new byte[0]), false))));
        } finally {
            FileTrees.delete(tmp, false);
        }
    }

    private interface Step {
        Object run() throws Exception;
    }

    private static void step(Step step) {
        try {
            step.run();
        } catch (Exception | LinkageError e) {
            // the archive just holds fewer classes
        }
    }
}
