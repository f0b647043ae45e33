package dev.weir.core.spi;

import java.util.Objects;

/** A data file that belongs to a table snapshot. {@code path} is absolute and local. */
public record DataFileRef(String path, long recordCount, long sizeBytes) {
    public DataFileRef {
        Objects.requireNonNull(path, "path is null");
    }
}
