package dev.weir.core.spi;

import dev.weir.core.spec.PartitionField;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How files of a table are written: schema with field ids, partitioning, and sort order within files. */
public record TableLayout(TableSchema schema, Optional<PartitionField> partition, List<String> sortKeys) {
    public TableLayout {
        Objects.requireNonNull(schema, "schema is null");
        Objects.requireNonNull(partition, "partition is null");
        sortKeys = List.copyOf(sortKeys);
    }
}
