package dev.weir.core.spi;

import java.util.List;

/** Rows returned by a query, each value rendered as text ({@code null} for SQL NULL). */
public record QueryResult(List<String> columns, List<List<String>> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = rows.stream()
                .map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r)))
                .toList();
    }
}
