package io.progy.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first checkout of a second device ({@link WorkingTree#moveMain} into a working copy without HEAD): the files,
 * modes, links and index are what C git would have, and content that needs converting still is converted.
 */
class FreshCheckoutTest {
    @TempDir
    Path work;

    @Test
    void writesFilesModesAndLinksAndAnIndexCGitFindsClean() throws Exception {
        var source = work.resolve("source");
        Files.createDirectories(source.resolve("content/01_basics/data"));
        Files.writeString(source.resolve("README.md"), "# course\n");
        Files.writeString(source.resolve("content/01_basics/Main.java"), "class Main {}\n");
        for (int i = 0; i < 50; i++) {
            Files.writeString(source.resolve("content/01_basics/data/f" + i + ".txt"), "line " + i + "\n");
        }
        var script = source.resolve("run.sh");
        Files.writeString(script, "#!/bin/sh\necho hi\n");
        script.toFile().setExecutable(true);
        Files.createSymbolicLink(source.resolve("latest"), Path.of("content/01_basics"));
        var target = commitAndFetch(source);

        var copy = target.getRepository();
        new WorkingTree(work.resolve("copy"), copy).moveMain(remoteMain(copy), "checkout");

        var root = work.resolve("copy");
        assertThat(root.resolve("content/01_basics/Main.java")).hasContent("class Main {}");
        assertThat(root.resolve("content/01_basics/data/f49.txt")).hasContent("line 49");
        assertThat(Files.isExecutable(root.resolve("run.sh"))).isTrue();
        assertThat(Files.isExecutable(root.resolve("README.md"))).isFalse();
        assertThat(Files.readSymbolicLink(root.resolve("latest"))).isEqualTo(Path.of("content/01_basics"));
        assertThat(CGit.ok(root, "status", "--porcelain", "--untracked-files=all"))
                .isEmpty();
        assertThat(CGit.ok(root, "ls-files", "-s", "run.sh")).startsWith("100755 ");
        assertThat(CGit.ok(root, "ls-files", "-s", "latest")).startsWith("120000 ");
        assertThat(CGit.ok(root, "rev-parse", "HEAD").trim())
                .isEqualTo(remoteMain(copy).name());
        target.close();
    }

    @Test
    void plainFilesAreWrittenInPlaceAndTheIndexMatches() throws Exception {
        var source = work.resolve("source");
        Files.createDirectories(source.resolve("a/b"));
        Files.writeString(source.resolve("a/b/c.txt"), "c\n");
        Files.writeString(source.resolve("top.txt"), "top\n");
        var target = commitAndFetch(source);

        var copy = target.getRepository();
        new WorkingTree(work.resolve("copy"), copy).moveMain(remoteMain(copy), "checkout");

        assertThat(work.resolve("copy/a/b/c.txt")).hasContent("c");
        // Nothing but the tree's files next to .git.
        try (var files = Files.list(work.resolve("copy"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(".git", "a", "top.txt");
        }
        var index = copy.readDirCache();
        assertThat(index.getEntryCount()).isEqualTo(2);
        // (Its length may read 0: an entry as new as the index itself is "smudged" so the next status re-reads it.)
        assertThat(index.getEntry("top.txt").getObjectId())
                .isEqualTo(copy.resolve(remoteMain(copy).name() + ":top.txt"));
        assertThat(CGit.ok(work.resolve("copy"), "status", "--porcelain", "--untracked-files=all"))
                .isEmpty();
        target.close();
    }

    @Test
    void contentTheAttributesConvertIsCheckedOutConverted() throws Exception {
        var source = work.resolve("source");
        Files.createDirectories(source);
        Files.writeString(source.resolve(".gitattributes"), "*.txt eol=crlf\n");
        Files.writeString(source.resolve("notes.txt"), "one\ntwo\n");
        var target = commitAndFetch(source);

        var copy = target.getRepository();
        new WorkingTree(work.resolve("copy"), copy).moveMain(remoteMain(copy), "checkout");

        assertThat(Files.readString(work.resolve("copy/notes.txt"), StandardCharsets.UTF_8))
                .isEqualTo("one\r\ntwo\r\n");
        assertThat(CGit.ok(work.resolve("copy"), "status", "--porcelain")).isEmpty();
        target.close();
    }

    @Test
    void aFileAlreadyInTheWorkingCopyIsNeverOverwritten() throws Exception {
        var source = work.resolve("source");
        Files.createDirectories(source);
        Files.writeString(source.resolve("notes.txt"), "from the server\n");
        var target = commitAndFetch(source);
        Files.writeString(work.resolve("copy/notes.txt"), "written here\n");

        var copy = target.getRepository();
        assertThatThrownBy(() -> new WorkingTree(work.resolve("copy"), copy).moveMain(remoteMain(copy), "checkout"))
                .isInstanceOf(org.eclipse.jgit.errors.CheckoutConflictException.class);
        assertThat(work.resolve("copy/notes.txt")).hasContent("written here");
        target.close();
    }

    /** Commits {@code source} with C git and fetches it into a new repository at work/copy (no checkout). */
    private Git commitAndFetch(Path source) throws Exception {
        CGit.ok(source, "init", "-q", "-b", "main");
        CGit.ok(source, "add", "-A");
        CGit.ok(source, "commit", "-q", "-m", "start");
        var copy = Git.init()
                .setDirectory(work.resolve("copy").toFile())
                .setInitialBranch("main")
                .call();
        copy.fetch()
                .setRemote(source.toUri().toString())
                .setRefSpecs(new RefSpec("refs/heads/main:" + ProgressRepo.REMOTE_MAIN))
                .call();
        return copy;
    }

    private static ObjectId remoteMain(org.eclipse.jgit.lib.Repository repository) throws Exception {
        return repository.resolve(ProgressRepo.REMOTE_MAIN);
    }
}
