package dev.weir.duckdb;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders result values as DuckDB prints them ({@code 2024-03-01 08:00:00}, not JDBC's
 * {@code 2024-03-01 08:00:00.0}), so query output and digests read the same everywhere.
 */
final class ValueText {
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
            .optionalEnd()
            .toFormatter();

    private ValueText() {}

    static String of(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return format(timestamp.toLocalDateTime());
        }
        if (value instanceof LocalDateTime timestamp) {
            return format(timestamp);
        }
        if (value instanceof OffsetDateTime timestamp) {
            return format(timestamp.toLocalDateTime())
                    + (timestamp.getOffset().getTotalSeconds() == 0
                            ? "+00"
                            : timestamp.getOffset().toString());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return rs.getString(column);
    }

    private static String format(LocalDateTime timestamp) {
        return TIMESTAMP.format(timestamp);
    }

    /** Every remaining row of {@code rs}, each value rendered by {@link #of}. */
    static List<List<String>> rows(ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>(columns);
            for (int i = 1; i <= columns; i++) {
                row.add(of(rs, i));
            }
            rows.add(row);
        }
        return rows;
    }
}
