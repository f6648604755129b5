package io.progy.format;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip files byte by byte, so tests can build archives no well-behaved zip library would write: hostile names,
 * symlinks, duplicates, lying headers, entries sharing one data block.
 */
final class TestZip {

    static final String VALID_MANIFEST = """
            {"name": "@alice/java-intro", "version": "1.0.0", "description": "Learn Java step by step"}
            """;

    private static final int UNIX = 3;
    private static final int FAT = 0;

    private static final class Entry {
        final String name;
        final byte[] data;
        boolean deflate = true;
        int unixMode;
        int platform = UNIX;
        Long declaredSize;
        Integer sameDataAs;

        Entry(String name, byte[] data, int unixMode) {
            this.name = name;
            this.data = data;
            this.unixMode = unixMode;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private Integer claimedEntryCount;

    /** A valid course: course.json, content/, content/01_intro/README.md. */
    static TestZip course() {
        return new TestZip()
                .file("course.json", VALID_MANIFEST)
                .dir("content/")
                .file("content/01_intro/README.md", "# Hello\n");
    }

    static TestZip empty() {
        return new TestZip();
    }

    TestZip file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    TestZip file(String name, byte[] data) {
        entries.add(new Entry(name, data, 0100644));
        return this;
    }

    TestZip dir(String name) {
        entries.add(new Entry(name, new byte[0], 040755));
        return stored();
    }

    TestZip symlink(String name, String target) {
        entries.add(new Entry(name, target.getBytes(StandardCharsets.UTF_8), 0120777));
        return stored();
    }

    /** The last entry is stored, not deflated. */
    TestZip stored() {
        last().deflate = false;
        return this;
    }

    /** The last entry gets this Unix mode (type and permission bits). */
    TestZip mode(int unixMode) {
        last().unixMode = unixMode;
        return this;
    }

    /** The last entry claims to be made on MS-DOS (no Unix mode). */
    TestZip fat() {
        last().platform = FAT;
        last().unixMode = 0;
        return this;
    }

    /** The last entry's headers declare this uncompressed size instead of the real one. */
    TestZip declaredSize(long size) {
        last().declaredSize = size;
        return this;
    }

    /** The last entry's central directory record points at the data of entry {@code index}. */
    TestZip sameDataAs(int index) {
        last().sameDataAs = index;
        return this;
    }

    /** The end record claims this many entries instead of the real count. */
    TestZip claimEntryCount(int count) {
        claimedEntryCount = count;
        return this;
    }

    int size() {
        return entries.size();
    }

    private Entry last() {
        return entries.get(entries.size() - 1);
    }

    Path write(Path file) throws IOException {
        try (var out = new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            var offsets = new long[entries.size()];
            var payloads = new byte[entries.size()][];
            for (var i = 0; i < entries.size(); i++) {
                var entry = entries.get(i);
                payloads[i] = entry.deflate ? deflate(entry.data) : entry.data;
                if (entry.sameDataAs != null) {
                    continue;
                }
                offsets[i] = out.count;
                writeHeader(out, 0x04034b50, entry, payloads[i], false, 0);
                out.write(payloads[i]);
            }
            var centralStart = out.count;
            for (var i = 0; i < entries.size(); i++) {
                var entry = entries.get(i);
                var source = entry.sameDataAs == null ? i : entry.sameDataAs;
                var shared = entries.get(source);
                writeHeader(
                        out,
                        0x02014b50,
                        entry.sameDataAs == null ? entry : withName(shared, entry),
                        payloads[source],
                        true,
                        offsets[source]);
            }
            var centralSize = out.count - centralStart;
            le32(out, 0x06054b50);
            le16(out, 0);
            le16(out, 0);
            var count = claimedEntryCount != null ? claimedEntryCount : Math.min(entries.size(), 0xffff);
            le16(out, count);
            le16(out, count);
            le32(out, centralSize);
            le32(out, centralStart);
            le16(out, 0);
        }
        return file;
    }

    private static Entry withName(Entry data, Entry named) {
        var copy = new Entry(named.name, data.data, named.unixMode);
        copy.deflate = data.deflate;
        copy.declaredSize = data.declaredSize;
        return copy;
    }

    private static void writeHeader(
            OutputStream out, int signature, Entry entry, byte[] payload, boolean central, long offset)
            throws IOException {
        var name = entry.name.getBytes(StandardCharsets.UTF_8);
        var crc = new CRC32();
        crc.update(entry.data);
        le32(out, signature);
        if (central) {
            le16(out, (entry.platform << 8) | 20);
        }
        le16(out, 20); // version needed
        le16(out, 0x0800); // UTF-8 names
        le16(out, entry.deflate ? 8 : 0);
        le16(out, 0); // time
        le16(out, (1 << 5) | 1 | (0 << 9)); // 1980-01-01
        le32(out, crc.getValue());
        le32(out, payload.length);
        le32(out, entry.declaredSize != null ? entry.declaredSize : entry.data.length);
        le16(out, name.length);
        le16(out, 0); // extra
        if (central) {
            le16(out, 0); // comment
            le16(out, 0); // disk
            le16(out, 0); // internal attributes
            le32(out, entry.platform == UNIX ? ((long) entry.unixMode << 16) : (entry.name.endsWith("/") ? 0x10 : 0));
            le32(out, offset);
        }
        out.write(name);
    }

    static byte[] deflate(byte[] data) {
        var deflater = new Deflater(9, true);
        deflater.setInput(data);
        deflater.finish();
        var out = new ByteArrayOutputStream();
        var buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static void le16(OutputStream out, int value) throws IOException {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
    }

    private static void le32(OutputStream out, long value) throws IOException {
        le16(out, (int) (value & 0xffff));
        le16(out, (int) ((value >>> 16) & 0xffff));
    }

    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
