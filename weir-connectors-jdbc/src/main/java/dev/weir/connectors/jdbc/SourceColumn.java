package dev.weir.connectors.jdbc;

import dev.weir.core.spi.Column;
import java.util.Objects;

/**
 * A column of the rows a JDBC source reads: its Iceberg type and how to read it.
 *
 * @param sourceType the database's name of its type, for messages
 */
record SourceColumn(String name, String icebergType, String sourceType, boolean required, ColumnReader reader) {
    SourceColumn {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(icebergType, "icebergType is null");
        Objects.requireNonNull(sourceType, "sourceType is null");
        Objects.requireNonNull(reader, "reader is null");
    }

    Column toColumn() {
        return new Column(0, name, icebergType, required);
    }
}
