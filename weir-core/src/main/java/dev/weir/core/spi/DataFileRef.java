package dev.weir.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * A data file that belongs to a table snapshot. {@code path} is absolute and local;
 * {@code location} is the file's name as the table records it, which position deletes refer to
 * (the same text for files Weir writes, a {@code file:} URI for some other writers).
 * {@code positionDeletes} are the local paths of the position-delete files that apply to it: its
 * live rows are those whose position no delete file lists.
 */
public record DataFileRef(
        String path, String location, long recordCount, long sizeBytes, List<String> positionDeletes) {
    public DataFileRef {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(location, "location is null");
        positionDeletes = List.copyOf(positionDeletes);
    }

    /** A file recorded under its local path, with no deletes. */
    public DataFileRef(String path, long recordCount, long sizeBytes) {
        this(path, path, recordCount, sizeBytes, List.of());
    }

    public boolean hasDeletes() {
        return !positionDeletes.isEmpty();
    }
}
