package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.PartitionField;
import dev.weir.core.spi.Column;
import java.io.ByteArrayOutputStream;
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
                throw WeirException.withHint(
                        ErrorCode.LOAD_REJECTED,
                        "Cannot partition by column '" + column.name() + "' of type " + column.type(),
                        "partition by a string, integer, boolean or date column, or by day(...)/month(...) of a date or timestamp");
        }
    }

    /**
     * Parses the value DuckDB wrote in a hive directory name back into Iceberg's Java value. DuckDB
     * percent-encodes the value ({@code Zoë} becomes {@code Zo%C3%AB}, {@code a/b} becomes
     * {@code a%2Fb}) and writes NULL as {@code __HIVE_DEFAULT_PARTITION__}.
     */
    static Object parse(String text, PartitionField field, Column column) {
        if (text == null || text.equals("__HIVE_DEFAULT_PARTITION__")) {
            return null;
        }
        String value = percentDecoded(text);
        boolean string = field.transform() == PartitionField.Transform.IDENTITY
                && column.type().equals("string");
        if (!string && value.equals("NULL")) {
            return null;
        }
        if (field.transform() != PartitionField.Transform.IDENTITY) {
            return Integer.parseInt(value);
        }
        switch (column.type()) {
            case "int":
            case "date":
                return Integer.parseInt(value);
            case "long":
                return Long.parseLong(value);
            case "boolean":
                return Boolean.parseBoolean(value);
            default:
                return value;
        }
    }

    /** {@code text} with each {@code %XX} replaced by its byte, the bytes read as UTF-8; a {@code +} stays a {@code +}. */
    private static String percentDecoded(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%'
                    && i + 2 < text.length()
                    && hex(text.charAt(i + 1)) >= 0
                    && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
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
                return LocalDateTime.of(1970, 1, 1, 0, 0)
                        .plusHours((Integer) value)
                        .format(HOUR);
            default:
                return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
        }
    }
}
