package dev.weir.connectors.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;

/**
 * The primary key of the rows read, for where a reject comes from: {@code shop:orders id=2}. The
 * key, unlike a row's position in the result, is the same on every run that reads the row again,
 * so a reject quarantined once is recognised and not quarantined again.
 *
 * @param columns the key's columns; empty when the relation has no known key (positions are used then)
 * @param indexes their 1-based indexes in the result
 */
record RowKey(List<String> columns, List<Integer> indexes) {
    static final RowKey NONE = new RowKey(List.of(), List.of());

    RowKey {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
    }

    /** Where the current row of {@code rows} is: by its key, or by its position {@code line} without one. */
    String origin(String relation, ResultSet rows, long line) throws SQLException {
        if (columns.isEmpty()) {
            return relation + ":" + line;
        }
        StringJoiner key = new StringJoiner(", ", relation + " ", "");
        for (int i = 0; i < columns.size(); i++) {
            String value = rows.getString(indexes.get(i));
            key.add(columns.get(i) + "=" + (value == null ? "NULL" : value));
        }
        return key.toString();
    }
}
