package dev.weir.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * A Parquet file an engine wrote for a table. {@code partitionValues} follow the table's
 * partition fields in order, already transformed (days since epoch for {@code day(...)}, and so on);
 * empty for an unpartitioned table.
 */
public record WrittenFile(String path, long recordCount, long sizeBytes, List<Object> partitionValues) {
    public WrittenFile {
        Objects.requireNonNull(path, "path is null");
        partitionValues = List.copyOf(partitionValues);
    }
}
