package io.progy.cli.init;

import io.progy.cli.CliException;
import io.progy.cli.FileTrees;
import io.progy.format.SafeUnpacker;
import io.progy.format.UnpackLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.UserConfig;

/**
 * A student's working copy of a course: the unpacked course, {@code progy.toml}, a {@code .gitignore} keeping
 * course-owned files out of the student's repository, and a Git repository (branch {@code main}) whose first
 * commit is {@value #INITIAL_COMMIT}. All JGit use of {@code init} lives here.
 */
final class Workspace {
    static final String INITIAL_COMMIT = "init: Start course";
    static final String DEFAULT_AUTHOR = "Progy Student";
    static final String DEFAULT_EMAIL = "student@progy.local";

    /**
     * Course files that come from the package and are restored by later updates, so they never enter the
     * student's history: module READMEs, info.toml, quizzes, the runner, and progy's local state.
     */
    static final String GITIGNORE = """
            # Course-owned files: they come from the course package (progy restores and updates them),
            # so they stay out of your repository.
            /README.md
            content/**/README.md
            content/**/info.toml
            content/**/quiz.json
            /runner/
            # Local progy state
            /.progy/
            """;

    /** What {@code progy.toml} records about the workspace. */
    record Settings(String course, String version, String sha256, String server, String repoUrl) {}

    private Workspace() {}

    /** Exit 3 unless {@code dir} is absent or an empty directory. */
    static void requireEmptyOrAbsent(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw CliException.conflict(dir + " exists and is not a directory; choose another target directory");
        }
        try (var children = Files.list(dir)) {
            if (children.findAny().isPresent()) {
                throw CliException.conflict(
                        dir + " is not empty; choose a new or empty directory (progy init COURSE DIR)");
            }
        }
    }

    /**
     * Creates the workspace in {@code dir} (absent or empty) from a verified artifact. On any failure,
     * removes everything it created: the directory and any parents it had to create, or only the new contents
     * when the directory existed before.
     */
    static void create(Path dir, Path artifact, Settings settings) throws IOException {
        requireEmptyOrAbsent(dir);
        boolean existed = Files.isDirectory(dir);
        var firstCreated = dir;
        while (firstCreated.getParent() != null && !Files.exists(firstCreated.getParent())) {
            firstCreated = firstCreated.getParent();
        }
        try {
            SafeUnpacker.unpack(artifact, dir, UnpackLimits.DEFAULT);
            Files.writeString(dir.resolve("progy.toml"), toml(settings), StandardCharsets.UTF_8);
            writeGitignore(dir.resolve(".gitignore"));
            commitInitial(dir);
        } catch (IOException | RuntimeException | Error e) {
            if (existed) {
                deleteTree(dir, true);
            } else {
                deleteTree(firstCreated, false);
            }
            throw e;
        }
    }

    static String toml(Settings settings) {
        return "# Written by `progy init`: which course this workspace holds. Progy reads it.\n"
                + "course = " + quote(settings.course()) + "\n"
                + "version = " + quote(settings.version()) + "\n"
                + "sha256 = " + quote(settings.sha256()) + "\n"
                + "server = " + quote(settings.server()) + "\n"
                + "repo_url = " + quote(settings.repoUrl() == null ? "" : settings.repoUrl()) + "\n";
    }

    private static String quote(String value) {
        var escaped = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04X", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.append('"').toString();
    }

    /** Keeps a course's own .gitignore, adding progy's rules after it. */
    private static void writeGitignore(Path file) throws IOException {
        var existing = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!existing.isEmpty() && !existing.endsWith("\n")) {
            existing += "\n";
        }
        Files.writeString(file, existing + GITIGNORE, StandardCharsets.UTF_8);
    }

    private static void commitInitial(Path dir) throws IOException {
        try (Git git =
                Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            var user = git.getRepository().getConfig().get(UserConfig.KEY);
            var name = user.isAuthorNameImplicit() ? DEFAULT_AUTHOR : user.getAuthorName();
            var email = user.isAuthorEmailImplicit() ? DEFAULT_EMAIL : user.getAuthorEmail();
            var ident = new PersonIdent(name, email);
            git.commit()
                    .setMessage(INITIAL_COMMIT)
                    .setAuthor(ident)
                    .setCommitter(ident)
                    .setSign(false)
                    .setNoVerify(true)
                    .call();
        } catch (GitAPIException e) {
            throw new IOException("git: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir, boolean keepDir) {
        try {
            FileTrees.delete(dir, keepDir);
        } catch (IOException e) {
            // best effort: the original failure is what the user needs to see
        }
    }
}
