package dev.weir.core.spi;

import java.util.Objects;

/** The columns (ids 0) and row count of a relation in an engine session. */
public record RelationInfo(String name, TableSchema schema, long rowCount) {
    public RelationInfo {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(schema, "schema is null");
    }
}
