package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CentralDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void walksTheRecordsInsteadOfTrustingTheEndRecordCount() throws IOException {
        var zip = TestZip.course();
        for (var i = 0; i < 30; i++) {
            zip.file("content/f" + i + ".txt", "x");
        }
        var archive = zip.claimEntryCount(1).write(tmp.resolve("liar.zip"));

        assertThat(CentralDirectory.firstEntryOverLimit(archive, 10)).contains("content/f7.txt");
        assertThat(CentralDirectory.firstEntryOverLimit(archive, 33)).isEmpty();
        var error = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> SafeUnpacker.inspect(archive, new UnpackLimits(10, 1 << 20, 100)), InvalidArchiveException.class);
        assertThat(error.entry()).isEqualTo("content/f7.txt");
    }

    @Test
    void findsTheDirectoryOfZip64Archives() throws IOException {
        var archive = tmp.resolve("zip64.zip");
        try (var out = new ZipArchiveOutputStream(archive)) {
            out.setUseZip64(Zip64Mode.Always);
            for (var i = 0; i < 12; i++) {
                out.putArchiveEntry(new ZipArchiveEntry("f" + i));
                out.write(new byte[] {1});
                out.closeArchiveEntry();
            }
        }

        assertThat(CentralDirectory.firstEntryOverLimit(archive, 5)).contains("f5");
        assertThat(CentralDirectory.firstEntryOverLimit(archive, 12)).isEmpty();
    }

    @Test
    void leavesArchivesWithoutAnEndRecordToTheZipReader() throws IOException {
        var junk = Files.writeString(tmp.resolve("junk"), "PK but not really");

        assertThat(CentralDirectory.firstEntryOverLimit(junk, 1)).isEmpty();
        assertThat(CentralDirectory.firstEntryOverLimit(Files.write(tmp.resolve("empty"), new byte[0]), 1))
                .isEmpty();
    }
}
