package io.progy.cli.progress;

import io.progy.format.ProgressState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Progress made on another device: every "Lesson &lt;id&gt;: completed" commit in the history counts as a pass in
 * this device's {@code .progy/state.json}, so {@code progy status} shows the same progress everywhere.
 */
public final class CommittedPasses {
    private CommittedPasses() {}

    /** Marks done the exercises whose pass is committed; returns how many were not marked yet. */
    public static int record(Path root, ProgressRepo repo) throws IOException {
        var state = ProgressState.load(root);
        var updated = state;
        int marked = 0;
        for (var id : repo.completedLessons()) {
            if (!state.isDone(id)) {
                updated = updated.withDone(id, Instant.now());
                marked++;
            }
        }
        if (marked > 0) {
            updated.save(root);
        }
        return marked;
    }
}
