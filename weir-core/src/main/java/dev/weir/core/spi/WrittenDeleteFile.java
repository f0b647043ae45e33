package dev.weir.core.spi;

import java.util.Objects;

/**
 * A position-delete file an engine wrote: it lists {@code recordCount} row positions of one data
 * file of the table, {@code dataFile} (a local path), which readers then skip. It holds every
 * position deleted in that file so far, {@code newPositions} of them for the first time, and
 * replaces the data file's earlier delete files that cover it alone: a data file has at most one
 * delete file of Weir's.
 */
public record WrittenDeleteFile(String path, String dataFile, long recordCount, long newPositions, long sizeBytes) {
    public WrittenDeleteFile {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(dataFile, "dataFile is null");
        if (newPositions > recordCount) {
            throw new IllegalArgumentException(
                    "a delete file of " + recordCount + " positions cannot add " + newPositions);
        }
    }
}
