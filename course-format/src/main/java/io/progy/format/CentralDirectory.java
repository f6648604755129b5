package io.progy.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Counts central directory records before a {@code ZipFile} is opened, so an archive with millions of tiny entries is
 * refused after reading {@code limit + 1} records instead of after materializing them all in memory. The count in the
 * end record is not trusted: records are walked one by one from the directory's start.
 */
final class CentralDirectory {

    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_EOCD_SIGNATURE = 0x06064b50;
    private static final int CFH_SIGNATURE = 0x02014b50;
    private static final int EOCD_SIZE = 22;
    private static final int MAX_COMMENT = 0xffff;
    private static final int CFH_SIZE = 46;

    private CentralDirectory() {}

    /**
     * Finds the name of the record at index {@code limit} (the first one over the limit), if the central directory
     * has more than {@code limit} records.
     *
     * @return that record's name, or empty if the directory has at most {@code limit} records or cannot be located
     *     (then the zip reader itself reports the archive as malformed)
     */
    static Optional<String> firstEntryOverLimit(Path archive, int limit) throws IOException {
        try (var channel = FileChannel.open(archive, StandardOpenOption.READ)) {
            var start = directoryStart(channel);
            if (start < 0) {
                return Optional.empty();
            }
            var header = ByteBuffer.allocate(CFH_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            var position = start;
            for (var index = 0; ; index++) {
                header.clear();
                if (readFully(channel, header, position) < CFH_SIZE || header.getInt(0) != CFH_SIGNATURE) {
                    return Optional.empty();
                }
                var nameLength = Short.toUnsignedInt(header.getShort(28));
                var extraLength = Short.toUnsignedInt(header.getShort(30));
                var commentLength = Short.toUnsignedInt(header.getShort(32));
                if (index == limit) {
                    var name = ByteBuffer.allocate(nameLength);
                    readFully(channel, name, position + CFH_SIZE);
                    return Optional.of(new String(name.array(), 0, name.position(), StandardCharsets.UTF_8));
                }
                position += CFH_SIZE + nameLength + extraLength + commentLength;
            }
        }
    }

    /** The central directory's offset from the (Zip64) end record, or -1 if there is no end record. */
    private static long directoryStart(FileChannel channel) throws IOException {
        var size = channel.size();
        var tailLength = (int) Math.min(size, EOCD_SIZE + MAX_COMMENT);
        var tail = ByteBuffer.allocate(tailLength).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, tail, size - tailLength);
        for (var at = tailLength - EOCD_SIZE; at >= 0; at--) {
            if (tail.getInt(at) != EOCD_SIGNATURE) {
                continue;
            }
            var offset = Integer.toUnsignedLong(tail.getInt(at + 16));
            if (offset != 0xffffffffL) {
                return offset;
            }
            var eocd = size - tailLength + at;
            return zip64DirectoryStart(channel, eocd);
        }
        return -1;
    }

    private static long zip64DirectoryStart(FileChannel channel, long eocd) throws IOException {
        if (eocd < 20) {
            return -1;
        }
        var locator = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        if (readFully(channel, locator, eocd - 20) < 20 || locator.getInt(0) != ZIP64_LOCATOR_SIGNATURE) {
            return -1;
        }
        var record = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
        var recordOffset = locator.getLong(8);
        if (recordOffset < 0
                || readFully(channel, record, recordOffset) < 56
                || record.getInt(0) != ZIP64_EOCD_SIGNATURE) {
            return -1;
        }
        return record.getLong(48);
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        var total = 0;
        while (buffer.hasRemaining()) {
            var n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
