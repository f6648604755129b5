package io.progy.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DaemonProtocolTest {
    @Test
    void theLauncherHandsOverExactlyTheCommandsTheProtocolAllows() throws IOException {
        var launcher = Files.readString(repositoryRoot().resolve("bin/progy"));
        var matcher = Pattern.compile("daemon_command\\(\\) \\{\\s*case \"\\$1\" in\\s*([a-z |]+)\\)")
                .matcher(launcher);
        assertThat(matcher.find()).as("daemon_command's case in bin/progy").isTrue();
        var listed =
                Arrays.stream(matcher.group(1).split("\\|")).map(String::trim).collect(Collectors.toSet());
        assertThat(listed).isEqualTo(DaemonProtocol.COMMANDS);
        assertThat(listed).doesNotContain("login", "signup", "reset", "quiz", "watch", "start");
    }

    @Test
    void fieldsEndAtNulOrNewlineAndAreBounded() throws IOException {
        var in = new ByteArrayInputStream("run\0/tmp/a b\nattach\0".getBytes(StandardCharsets.UTF_8));
        assertThat(DaemonProtocol.readField(in)).isEqualTo("run");
        assertThat(DaemonProtocol.readField(in)).isEqualTo("/tmp/a b");
        assertThat(DaemonProtocol.readField(in)).isEqualTo("attach");
        assertThatThrownBy(() -> DaemonProtocol.readField(in)).isInstanceOf(EOFException.class);

        var huge = new byte[DaemonProtocol.MAX_FIELD + 1];
        Arrays.fill(huge, (byte) 'x');
        assertThatThrownBy(() -> DaemonProtocol.readField(new ByteArrayInputStream(huge)))
                .hasMessageContaining("longer than");
        assertThatThrownBy(() -> DaemonProtocol.readCount(new ByteArrayInputStream("-1\0".getBytes())))
                .hasMessageContaining("bad count");
        assertThatThrownBy(() -> DaemonProtocol.readCount(new ByteArrayInputStream("99999999\0".getBytes())))
                .hasMessageContaining("bad count");
    }

    @Test
    void infoLinesRoundTripAndAnythingElseIsRejected() {
        var info = new DaemonInfo(43127, "ab".repeat(32), 4242);
        assertThat(DaemonInfo.parse(info.line())).isEqualTo(info);
        assertThatThrownBy(() -> DaemonInfo.parse("43127 short 4242\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DaemonInfo.parse(info.line() + "extra")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDirectoryFollowsTheLaunchersRuleAndTheKeyIsTheJarPath() {
        var jar = Path.of("/opt/progy 1/progy.jar");
        assertThat(DaemonPaths.of(Map.of("PROGY_DAEMON_DIR", "/d", "XDG_RUNTIME_DIR", "/run/user/1"), jar)
                        .dir())
                .isEqualTo(Path.of("/d"));
        assertThat(DaemonPaths.of(Map.of("XDG_RUNTIME_DIR", "/run/user/1"), jar).dir())
                .isEqualTo(Path.of("/run/user/1/progy"));
        assertThat(DaemonPaths.of(Map.of(), jar).dir()).isEqualTo(Path.of("/tmp/progy-" + DaemonPaths.uid()));
        assertThat(DaemonPaths.of(Map.of(), jar).info().getFileName().toString())
                .isEqualTo("_opt_progy_1_progy.jar.daemon");
    }

    @Test
    void aSharedOrForeignDirectoryIsRefused(@org.junit.jupiter.api.io.TempDir Path work) throws IOException {
        var shared = Files.createDirectory(work.resolve("shared"));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        var paths = new DaemonPaths(shared, Path.of("/x/progy.jar"));
        assertThatThrownBy(paths::secure).hasMessageContaining("mode 0700");

        var fresh = new DaemonPaths(work.resolve("fresh/daemon"), Path.of("/x/progy.jar"));
        fresh.secure();
        assertThat(Files.getPosixFilePermissions(fresh.dir()))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void idleTimeIsMinutesWithADefault() {
        assertThat(CliDaemon.idleTime("5")).isEqualTo(Duration.ofMinutes(5));
        assertThat(CliDaemon.idleTime(null)).isEqualTo(CliDaemon.DEFAULT_IDLE);
        assertThat(CliDaemon.idleTime("0")).isEqualTo(CliDaemon.DEFAULT_IDLE);
        assertThat(CliDaemon.idleTime("soon")).isEqualTo(CliDaemon.DEFAULT_IDLE);
    }

    private static Path repositoryRoot() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/progy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no bin/progy above " + Path.of("").toAbsolutePath());
    }
}
