package dev.weir.core.spi;

import java.util.List;

/**
 * Rows returned by a query, each value rendered as text ({@code null} for SQL NULL), with each
 * column's Iceberg type name ({@code long}, {@code decimal(10,2)}, {@code string}, ...).
 */
public record QueryResult(List<String> columns, List<String> types, List<List<String>> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        if (types.size() != columns.size()) {
            throw new IllegalArgumentException("a type for each of " + columns + " expected, got " + types);
        }
        rows = rows.stream()
                .map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r)))
                .toList();
    }
}
