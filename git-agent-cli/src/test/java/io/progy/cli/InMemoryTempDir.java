package io.progy.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary directories in memory ({@code /dev/shm}) where the system has it, else in the default place: for tests
 * that write and delete tens of thousands of small files (Git repositories) and would otherwise wait on the disk.
 * Use as {@code @TempDir(factory = InMemoryTempDir.class)}.
 */
public final class InMemoryTempDir implements TempDirFactory {
    private static final Path SHARED_MEMORY = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws Exception {
        if (Files.isDirectory(SHARED_MEMORY) && Files.isWritable(SHARED_MEMORY)) {
            return Files.createTempDirectory(SHARED_MEMORY, "junit-");
        }
        return Files.createTempDirectory("junit-");
    }
}
