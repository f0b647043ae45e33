package dev.weir.core.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A Parquet file an engine wrote for a table. {@code partitionValues} follow the table's
 * partition fields in order, already transformed (days since epoch for {@code day(...)}, and so on);
 * empty for an unpartitioned table. A value is {@code null} for the rows whose partition source is NULL.
 */
public record WrittenFile(String path, long recordCount, long sizeBytes, List<Object> partitionValues) {
    public WrittenFile {
        Objects.requireNonNull(path, "path is null");
        // List.copyOf refuses nulls, and NULL is a partition value like any other
        partitionValues = Collections.unmodifiableList(new ArrayList<>(partitionValues));
    }
}
