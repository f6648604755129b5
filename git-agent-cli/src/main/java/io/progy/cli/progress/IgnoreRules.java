package io.progy.cli.progress;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.ignore.IgnoreNode;

/** The rules of one {@code .gitignore} file at the root of a working copy, as Git applies them. */
public final class IgnoreRules {
    private final IgnoreNode node = new IgnoreNode();

    private IgnoreRules(String text) throws IOException {
        node.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static IgnoreRules parse(String text) throws IOException {
        return new IgnoreRules(text == null ? "" : text);
    }

    /** Whether the file at {@code path} ('/'-separated, relative to the root) is ignored, by itself or a parent. */
    public boolean ignores(String path) {
        var parts = path.split("/");
        var prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                prefix.append('/');
            }
            prefix.append(parts[i]);
            var last = i == parts.length - 1;
            if (Boolean.TRUE.equals(node.checkIgnored(prefix.toString(), !last))) {
                return true;
            }
        }
        return false;
    }
}
