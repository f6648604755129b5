import io.progy.cli.CliContext;
import io.progy.cli.Output;
import io.progy.cli.http.HttpApi;
import io.progy.cli.progress.GitCredentialCache;
import io.progy.cli.progress.ProgressRepo;
import io.progy.cli.progress.ServerGitRemote;
import io.progy.cli.progress.SyncResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;

/**
 * Commit + upload of one changed file through the CLI's ProgressRepo in a warm JVM, as `progy watch` and
 * `progy start` do it on each pass. Prints the median in milliseconds.
 * Usage: java -cp progy.jar CommitOnPass.java WORKSPACE SERVER TOKEN COURSE FILE PROGY_HOME RUNS
 */
public class CommitOnPass {
    public static void main(String[] args) throws Exception {
        Path workspace = Path.of(args[0]);
        String server = args[1];
        String token = args[2];
        String course = args[3];
        Path file = workspace.resolve(args[4]);
        Path home = Path.of(args[5]);
        int runs = Integer.parseInt(args[6]);
        int warmup = Math.max(5, runs / 2);

        var context = new CliContext(System.getenv(), System.out, System.err, System.in, false);
        var output = Output.of(context);
        var remote = new ServerGitRemote(
                new HttpApi(server, token, output), token, course, new GitCredentialCache(home), output);
        long[] millis = new long[runs];
        try (var repo = ProgressRepo.open(workspace, remote, Duration.ofSeconds(60))) {
            for (int i = 0; i < warmup + runs; i++) {
                Files.writeString(file, "edit " + i + "\n", StandardOpenOption.APPEND);
                long start = System.nanoTime();
                repo.save("edit " + i);
                SyncResult result = repo.upload();
                long elapsed = System.nanoTime() - start;
                if (repo.unpushedCount() != 0) {
                    throw new IllegalStateException("the commit was not uploaded: " + result);
                }
                if (i >= warmup) {
                    millis[i - warmup] = elapsed / 1_000;
                }
            }
        }
        Arrays.sort(millis);
        System.out.printf("%.1f%n", millis[runs / 2] / 1000.0);
    }
}
