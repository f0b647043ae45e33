package dev.weir.core.spi;

import java.util.List;
import java.util.Optional;

/** An ordered list of columns with unique names. */
public record TableSchema(List<Column> columns) {
    public TableSchema {
        columns = List.copyOf(columns);
        if (columns.stream().map(Column::name).distinct().count() != columns.size()) {
            throw new IllegalArgumentException("duplicate column names in " + columns);
        }
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }
}
