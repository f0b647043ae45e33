package dev.weir.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * A data file that belongs to a table snapshot. {@code path} is absolute and local;
 * {@code location} is the file's name as the table records it, which position deletes refer to
 * (the same text for files Weir writes, a {@code file:} URI for some other writers).
 * {@code positionDeletes} are the local paths of the position-delete files that apply to it: its
 * live rows are those whose position no delete file lists. {@code partition} names the file's
 * partition as the table records it (empty for an unpartitioned table): files with the same text
 * may be merged into one file.
 */
public record DataFileRef(
        String path,
        String location,
        long recordCount,
        long sizeBytes,
        List<String> positionDeletes,
        String partition) {
    public DataFileRef {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(location, "location is null");
        Objects.requireNonNull(partition, "partition is null");
        positionDeletes = List.copyOf(positionDeletes);
    }

    /** A file of an unpartitioned table. */
    public DataFileRef(String path, String location, long recordCount, long sizeBytes, List<String> positionDeletes) {
        this(path, location, recordCount, sizeBytes, positionDeletes, "");
    }

    /** A file recorded under its local path, with no deletes. */
    public DataFileRef(String path, long recordCount, long sizeBytes) {
        this(path, path, recordCount, sizeBytes, List.of(), "");
    }

    public boolean hasDeletes() {
        return !positionDeletes.isEmpty();
    }
}
