package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.PartitionField;
import dev.weir.core.spi.Column;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;

/**
 * Computes Iceberg partition values in SQL (the transformed value: days since epoch for
 * {@code day}, and so on, in UTC) and renders them as Iceberg's partition directory names.
 */
final class PartitionValues {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH");

    private PartitionValues() {}

    /** The SQL expression for the transformed partition value of a row. */
    static String expression(PartitionField field, Column column) {
        String col = Sql.ident(field.column());
        switch (field.transform()) {
            case YEAR:
                return "(year(" + col + ") - 1970)";
            case MONTH:
                return "((year(" + col + ") - 1970) * 12 + month(" + col + ") - 1)";
            case DAY:
                return "datediff('day', DATE '1970-01-01', CAST(" + col + " AS DATE))";
            case HOUR:
                return "CAST(floor(epoch_us(" + col + ") / 3600000000) AS INTEGER)";
            case IDENTITY:
                return identity(col, column);
            default:
                throw new IllegalStateException("unhandled transform " + field.transform());
        }
    }

    private static String identity(String col, Column column) {
        switch (column.type()) {
            case "string":
            case "int":
            case "long":
            case "boolean":
                return col;
            case "date":
                return "datediff('day', DATE '1970-01-01', " + col + ")";
            default:
                throw WeirException.withHint(ErrorCode.LOAD_REJECTED,
                        "Cannot partition by column '" + column.name() + "' of type " + column.type(),
                        "partition by a string, integer, boolean or date column, or by day(...)/month(...) of a date or timestamp");
        }
    }

    /** Parses the value DuckDB wrote in a hive directory name back into Iceberg's Java value. */
    static Object parse(String text, PartitionField field, Column column) {
        if (text == null || text.equals("__HIVE_DEFAULT_PARTITION__") || text.equals("NULL")) {
            return null;
        }
        if (field.transform() != PartitionField.Transform.IDENTITY) {
            return Integer.parseInt(text);
        }
        switch (column.type()) {
            case "int":
            case "date":
                return Integer.parseInt(text);
            case "long":
                return Long.parseLong(text);
            case "boolean":
                return Boolean.parseBoolean(text);
            default:
                return text;
        }
    }

    /** Iceberg's directory name for a partition value, e.g. {@code order_date_day=2024-01-31}. */
    static String directory(PartitionField field, Object value) {
        String name = field.transform() == PartitionField.Transform.IDENTITY
                ? field.column()
                : field.column() + "_" + field.transform().name().toLowerCase(java.util.Locale.ROOT);
        return name + "=" + human(field, value);
    }

    private static String human(PartitionField field, Object value) {
        if (value == null) {
            return "null";
        }
        switch (field.transform()) {
            case YEAR:
                return String.valueOf(1970 + (Integer) value);
            case MONTH:
                return YearMonth.of(1970, 1).plusMonths((Integer) value).toString();
            case DAY:
                return LocalDate.ofEpochDay((Integer) value).toString();
            case HOUR:
                return LocalDateTime.of(1970, 1, 1, 0, 0).plusHours((Integer) value).format(HOUR);
            default:
                return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
        }
    }
}
