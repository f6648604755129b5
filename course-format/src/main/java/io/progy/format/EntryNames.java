package io.progy.format;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for entry names in a {@code .progy} archive, shared by the packer (so it never writes what the unpacker
 * refuses) and the unpacker. One instance tracks the names seen so far to catch duplicates, names that collide on a
 * case-insensitive file system, and a name used both as a file and as a directory.
 */
final class EntryNames {

    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);
    private static final Set<String> WINDOWS_DEVICES = Set.of(
            "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1",
            "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");
    private static final String NOT_PORTABLE = "<>\"|?*";
    private static final int MAX_SEGMENT_BYTES = 255;

    /** Case-folded path to the name of the entry with that path. */
    private final Map<String, String> explicit = new HashMap<>();
    /** Case-folded path to the file entry's name. */
    private final Map<String, String> files = new HashMap<>();
    /** Case-folded path to the directory's path, for explicit directory entries and parents of any entry. */
    private final Map<String, String> directories = new HashMap<>();

    /**
     * Says why {@code name} is not acceptable as an entry name ({@code /}-separated, directories ending in
     * {@code /}).
     *
     * @return the reason, or empty if acceptable
     */
    static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("empty entry name");
        }
        if (name.indexOf('\0') >= 0) {
            return Optional.of("NUL character in entry name");
        }
        for (var i = 0; i < name.length(); i++) {
            if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
                return Optional.of("control character in entry name");
            }
        }
        if (name.indexOf('\\') >= 0) {
            return Optional.of("backslash in entry name (only '/' may separate directories)");
        }
        if (name.startsWith("/")) {
            return Optional.of("absolute path");
        }
        if (DRIVE_LETTER.matcher(name).matches()) {
            return Optional.of("drive letter in entry name (absolute Windows path)");
        }
        if (name.indexOf(':') >= 0) {
            return Optional.of("':' in entry name (not portable)");
        }
        var path = stripSlash(name);
        if (path.isEmpty()) {
            return Optional.of("empty entry name");
        }
        for (var segment : path.split("/", -1)) {
            var problem = segmentProblem(segment);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> segmentProblem(String segment) {
        if (segment.isEmpty()) {
            return Optional.of("empty path segment ('//') in entry name");
        }
        if (segment.equals("..")) {
            return Optional.of("'..' path segment would escape the target directory");
        }
        if (segment.equals(".")) {
            return Optional.of("'.' path segment in entry name");
        }
        for (var i = 0; i < segment.length(); i++) {
            if (NOT_PORTABLE.indexOf(segment.charAt(i)) >= 0) {
                return Optional.of("'" + segment.charAt(i) + "' in entry name (not portable)");
            }
        }
        if (segment.endsWith(".") || segment.endsWith(" ")) {
            return Optional.of("path segment '" + segment + "' ends with '.' or a space (not portable)");
        }
        var dot = segment.indexOf('.');
        var base = (dot < 0 ? segment : segment.substring(0, dot)).toLowerCase(Locale.ROOT);
        if (WINDOWS_DEVICES.contains(base)) {
            return Optional.of("'" + segment + "' is a reserved device name on Windows");
        }
        if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
            return Optional.of("path segment longer than " + MAX_SEGMENT_BYTES + " bytes");
        }
        return Optional.empty();
    }

    /**
     * Records an entry, checking its name and its relation to the names seen before.
     *
     * @throws InvalidArchiveException naming the entry
     */
    void add(String name, boolean directory) {
        problem(name).ifPresent(p -> {
            throw new InvalidArchiveException(name, p);
        });
        var path = stripSlash(name);
        var key = key(path);
        var previous = explicit.putIfAbsent(key, name);
        if (previous != null) {
            throw new InvalidArchiveException(
                    name,
                    stripSlash(previous).equals(path)
                            ? "duplicate entry"
                            : "collides with entry '" + InvalidArchiveException.printable(previous)
                                    + "' on a case-insensitive file system");
        }
        if (directory) {
            if (files.containsKey(key)) {
                throw new InvalidArchiveException(name, "is also a file entry '" + files.get(key) + "'");
            }
            addDirectory(name, path);
        } else {
            if (directories.containsKey(key)) {
                throw new InvalidArchiveException(name, "is a file, but other entries need it as a directory");
            }
            files.put(key, name);
        }
        for (var slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            var parent = path.substring(0, slash);
            var file = files.get(key(parent));
            if (file != null) {
                throw new InvalidArchiveException(
                        name,
                        "needs '" + InvalidArchiveException.printable(file) + "' as a directory, but it is a file");
            }
            addDirectory(name, parent);
        }
    }

    private void addDirectory(String entry, String path) {
        var existing = directories.putIfAbsent(key(path), path);
        if (existing != null && !existing.equals(path)) {
            throw new InvalidArchiveException(
                    entry,
                    "directory '" + InvalidArchiveException.printable(path) + "' collides with '"
                            + InvalidArchiveException.printable(existing) + "' on a case-insensitive file system");
        }
    }

    /** Whether a file entry with exactly this path was recorded. */
    boolean hasFile(String path) {
        return path.equals(files.get(key(path)));
    }

    /** Whether a directory with exactly this path was recorded, explicitly or as the parent of another entry. */
    boolean hasDirectory(String path) {
        return path.equals(directories.get(key(path)));
    }

    static String stripSlash(String name) {
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    /** Two names that would land on the same file on a case-insensitive (or normalizing) file system share a key. */
    static String key(String path) {
        return Normalizer.normalize(path, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
