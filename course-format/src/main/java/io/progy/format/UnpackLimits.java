package io.progy.format;

/**
 * Limits that {@link SafeUnpacker} enforces on an archive (and {@link CoursePacker} on what it writes, so a packed
 * course is always accepted).
 *
 * @param maxEntries most entries (files and directories) an archive may have
 * @param maxTotalBytes most bytes all entries may inflate to, counted while inflating, not taken from headers
 * @param maxRatio highest inflated-to-compressed ratio of one entry; checked once the entry has inflated past
 *     {@link #RATIO_CHECK_THRESHOLD} bytes, because small files (an empty file, a short run of spaces) can compress
 *     far better than 100:1 without doing any harm
 */
public record UnpackLimits(int maxEntries, long maxTotalBytes, int maxRatio) {

    /** Entries smaller than this (1 MiB) are never rejected for their compression ratio. */
    public static final long RATIO_CHECK_THRESHOLD = 1L << 20;

    /** 20,000 entries, 512 MiB inflated, 100:1 per entry. */
    public static final UnpackLimits DEFAULT = new UnpackLimits(20_000, 512L << 20, 100);

    /**
     * Creates limits.
     *
     * @throws IllegalArgumentException if a limit is not positive
     */
    public UnpackLimits {
        if (maxEntries < 1 || maxTotalBytes < 1 || maxRatio < 1) {
            throw new IllegalArgumentException(
                    "unpack limits must be positive: " + maxEntries + ", " + maxTotalBytes + ", " + maxRatio);
        }
    }

    /**
     * Whether an entry that has inflated to {@code inflatedBytes} from {@code compressedBytes} breaks the ratio
     * limit.
     */
    public boolean ratioExceeded(long inflatedBytes, long compressedBytes) {
        return inflatedBytes > RATIO_CHECK_THRESHOLD && inflatedBytes > (long) maxRatio * Math.max(1, compressedBytes);
    }
}
