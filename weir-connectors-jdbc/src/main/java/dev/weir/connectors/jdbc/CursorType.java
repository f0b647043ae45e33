package dev.weir.connectors.jdbc;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Lookback;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The kinds of column a cursor may be: integers, decimals, dates and timestamps, which compare in
 * their own order. Text is refused ('99' > '103' as text), and so are floating-point numbers, whose
 * values do not survive a round trip through text exactly. A cursor value's text is exact: a
 * timestamp keeps all its fractional digits.
 */
enum CursorType {
    INTEGER,
    DECIMAL,
    DATE,
    TIMESTAMP,
    TIMESTAMPTZ;

    /** The cursor type of a column of Iceberg type {@code icebergType}. */
    static CursorType of(String column, String icebergType, String sourceType) {
        if (icebergType.equals("int") || icebergType.equals("long")) {
            return INTEGER;
        }
        if (icebergType.startsWith("decimal(")) {
            return DECIMAL;
        }
        return switch (icebergType) {
            case "date" -> DATE;
            case "timestamp" -> TIMESTAMP;
            case "timestamptz" -> TIMESTAMPTZ;
            default ->
                throw WeirException.withHint(
                        ErrorCode.SOURCE_FAILED,
                        "Cannot extract incrementally on '" + column + "': it is " + sourceType
                                + ", and a cursor must be an integer, a decimal, a date or a timestamp",
                        "choose a column that grows with each change, such as updated_at, or cast it in extract.query");
        };
    }

    /** The exact text of {@code value}, a value this type's columns read. */
    String text(Object value) {
        return switch (this) {
            case INTEGER -> value.toString();
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case DATE -> value.toString();
            case TIMESTAMP -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format((LocalDateTime) value);
            case TIMESTAMPTZ -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((OffsetDateTime) value);
        };
    }

    /**
     * The value to bind as the lower bound of the next read: {@code watermark}, as {@link #text}
     * wrote it, less {@code lookback}.
     *
     * @throws WeirException when the lookback does not fit this type (a time span for a number)
     */
    Object lowerBound(String watermark, Lookback lookback, String column) {
        return switch (this) {
            // a fractional lookback on an integer cursor rounds down: reading one row more is safe, one less is not
            case INTEGER ->
                new BigDecimal(watermark)
                        .subtract(amount(lookback, column))
                        .setScale(0, RoundingMode.FLOOR)
                        .longValueExact();
            case DECIMAL -> new BigDecimal(watermark).subtract(amount(lookback, column));
            case DATE -> LocalDate.parse(watermark).minusDays(wholeDays(span(lookback, column)));
            case TIMESTAMP -> LocalDateTime.parse(watermark).minus(span(lookback, column));
            case TIMESTAMPTZ -> OffsetDateTime.parse(watermark).minus(span(lookback, column));
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    private static BigDecimal amount(Lookback lookback, String column) {
        Optional<BigDecimal> amount = lookback.amount();
        if (amount.isEmpty()) {
            throw mismatch(lookback, column, "a number, such as 'lookback: 1000'");
        }
        return amount.get();
    }

    private static Duration span(Lookback lookback, String column) {
        return lookback.span().orElseThrow(() -> mismatch(lookback, column, "a time span, such as 'lookback: 10m'"));
    }

    /** A date cursor goes back by whole days, at least as far as the span asks. */
    private static long wholeDays(Duration span) {
        long days = span.toDays();
        return span.equals(Duration.ofDays(days)) ? days : days + 1;
    }

    private static WeirException mismatch(Lookback lookback, String column, String expected) {
        return WeirException.withHint(
                ErrorCode.SOURCE_FAILED,
                "Invalid extract.lookback '" + lookback + "' for cursor '" + column + "'",
                "the cursor's type needs " + expected);
    }
}
