package dev.weir.core.run;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * How a compaction chooses the files it rewrites. A data file is small below three quarters of the
 * target size: such files of one partition are merged into files of about the target size once the
 * partition has {@code minInputFiles} of them; files with position deletes are rewritten whatever
 * their size. Nothing is rewritten unless at least {@code minFilesToRewrite} files would be, which
 * lets a followed pipeline wait until compacting is worth a snapshot.
 *
 * @param targetFileSizeBytes the target size; when empty, the table's own {@code
 *     write.target-file-size-bytes}, or {@link #DEFAULT_TARGET_FILE_SIZE_BYTES} when it sets none
 */
public record CompactionOptions(OptionalLong targetFileSizeBytes, int minInputFiles, int minFilesToRewrite) {
    /** Iceberg's default {@code write.target-file-size-bytes}, which the engines' writers also split at. */
    public static final long DEFAULT_TARGET_FILE_SIZE_BYTES = 512L * 1024 * 1024;
    /** Iceberg's {@code min-input-files} default for {@code rewrite_data_files}. */
    public static final int DEFAULT_MIN_INPUT_FILES = 5;

    public CompactionOptions {
        Objects.requireNonNull(targetFileSizeBytes, "targetFileSizeBytes is null");
        if (targetFileSizeBytes.isPresent() && targetFileSizeBytes.getAsLong() <= 0) {
            throw new IllegalArgumentException(
                    "targetFileSizeBytes must be positive: " + targetFileSizeBytes.getAsLong());
        }
        if (minInputFiles < 2) {
            throw new IllegalArgumentException("minInputFiles must be at least 2: " + minInputFiles);
        }
        if (minFilesToRewrite < 1) {
            throw new IllegalArgumentException("minFilesToRewrite must be at least 1: " + minFilesToRewrite);
        }
    }

    /** What {@code weir table compact} does without options. */
    public static CompactionOptions defaults() {
        return new CompactionOptions(OptionalLong.empty(), DEFAULT_MIN_INPUT_FILES, 1);
    }

    /** The target size for a table that sets {@code tableTarget} (if it sets one). */
    long targetFor(OptionalLong tableTarget) {
        return targetFileSizeBytes.orElse(tableTarget.orElse(DEFAULT_TARGET_FILE_SIZE_BYTES));
    }

    /** Files below this size are small when the target is {@code targetFileSizeBytes}. */
    public static long smallFileBytes(long targetFileSizeBytes) {
        return targetFileSizeBytes / 4 * 3;
    }
}
