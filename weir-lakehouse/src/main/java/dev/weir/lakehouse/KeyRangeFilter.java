package dev.weir.lakehouse;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.KeyRange;
import dev.weir.core.spi.TableSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.DateTimeUtil;

/**
 * The scan filter {@code column >= min AND column <= max} for a key range. Bounds arrive as text
 * (ISO-8601, or as engines print them: {@code 2024-01-31 10:00:00+00}) and become values of the
 * column's Iceberg type, so the filter prunes by file bounds and partitions.
 */
final class KeyRangeFilter {
    private static final Pattern SHORT_OFFSET = Pattern.compile("([+-]\\d\\d)$");

    private KeyRangeFilter() {}

    static Expression of(TableId table, TableSchema schema, KeyRange range) {
        Column column = schema.column(range.column())
                .orElseThrow(() -> new WeirException(
                        ErrorCode.INTERNAL,
                        "Cannot read table " + table + " by key range: it has no column " + range.column()));
        Type type = ColumnTypes.parse(column.type()).orElseThrow();
        if (type.typeId() == Type.TypeID.BINARY) {
            // binary bounds have no text form to compare with: reading every file is always correct
            return Expressions.alwaysTrue();
        }
        try {
            return Expressions.and(
                    Expressions.greaterThanOrEqual(column.name(), value(range.min(), type, RoundingMode.FLOOR)),
                    Expressions.lessThanOrEqual(column.name(), value(range.max(), type, RoundingMode.CEILING)));
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            throw new WeirException(
                    ErrorCode.INTERNAL,
                    "Cannot read table " + table + " by key range " + range.min() + ".." + range.max()
                            + ": not values of column " + column.name() + " (" + column.type() + ")",
                    null,
                    null,
                    e);
        }
    }

    /** Converts {@code text} to {@code type}'s literal value; decimals round outwards so no match is lost. */
    private static Object value(String text, Type type, RoundingMode rounding) {
        String trimmed = text.trim();
        return switch (type.typeId()) {
            case BOOLEAN -> parseBoolean(trimmed);
            case INTEGER -> Integer.parseInt(trimmed);
            case LONG -> Long.parseLong(trimmed);
            case FLOAT -> Float.parseFloat(trimmed);
            case DOUBLE -> Double.parseDouble(trimmed);
            case DECIMAL -> new BigDecimal(trimmed).setScale(((Types.DecimalType) type).scale(), rounding);
            case DATE -> DateTimeUtil.daysFromDate(LocalDate.parse(trimmed));
            case TIME -> DateTimeUtil.microsFromTime(LocalTime.parse(trimmed));
            case TIMESTAMP ->
                ((Types.TimestampType) type).shouldAdjustToUTC()
                        ? DateTimeUtil.microsFromTimestamptz(parseTimestamptz(trimmed))
                        : DateTimeUtil.microsFromTimestamp(LocalDateTime.parse(trimmed.replace(' ', 'T')));
            case UUID -> UUID.fromString(trimmed);
            case STRING -> text;
            default -> throw new IllegalArgumentException("unsupported key type " + type);
        };
    }

    private static boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("not a boolean: " + text);
    }

    /** Accepts {@code 2024-01-31T10:00:00Z}, {@code ...+01:00}, {@code ...+01} and, as UTC, no offset at all. */
    private static OffsetDateTime parseTimestamptz(String text) {
        String iso = SHORT_OFFSET.matcher(text.replace(' ', 'T')).replaceFirst("$1:00");
        try {
            return OffsetDateTime.parse(iso);
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC);
        }
    }
}
