package dev.weir.connectors.file;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Converts the text of one field to its declared column's type, strictly: a value is converted
 * exactly or rejected with a reason, never rounded, truncated, guessed or made NULL.
 * {@code 2024-02-30}, {@code 12.3.4}, {@code 1O.00} and {@code 12,50} are rejects; so is
 * {@code 12.345} for a {@code DECIMAL(10,2)}, and {@code Shipped} for an
 * {@code ENUM('placed','shipped')}. Surrounding blanks are ignored for every type but text and
 * enums, and an empty field is NULL.
 */
public final class ValueConverter {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)");
    private static final Pattern FLOATING = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final DateTimeFormatter ISO_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ISO_TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm")
            .optionalStart()
            .appendPattern(":ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    /** ISO 8601 dates and times, with {@code T} or a blank between, an optional offset, or a date alone (midnight). */
    private static final DateTimeFormatter ISO_TIMESTAMP = new DateTimeFormatterBuilder()
            .append(ISO_DATE)
            .optionalStart()
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .append(ISO_TIME)
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH", "Z")
            .optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    /** How many of an enum's values a reject's message lists. */
    private static final int LISTED_VALUES = 12;

    private final DeclaredColumn column;
    private final DateTimeFormatter pattern;
    private final Set<String> enumValues;

    public ValueConverter(DeclaredColumn column) {
        this.column = column;
        this.pattern = column.format().map(ValueConverter::formatter).orElse(null);
        this.enumValues = Set.copyOf(column.type().values());
    }

    /** Fails with a message for the spec error when {@code format} is not a valid date-time pattern. */
    static void checkPattern(String column, String format) {
        try {
            formatter(format);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid FORMAT '" + format + "' of column '" + column + "': "
                    + e.getMessage() + " (patterns as java.time.format.DateTimeFormatter, such as dd/MM/yyyy HH:mm)");
        }
    }

    /** A strict formatter for {@code format}: {@code yyyy} means the proleptic year, as users mean it. */
    private static DateTimeFormatter formatter(String format) {
        return DateTimeFormatter.ofPattern(format.replace("yyyy", "uuuu").replace("yy", "uu"), Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    DeclaredColumn column() {
        return column;
    }

    /** The value of {@code text} (null: NULL; empty: the empty string for text, NULL for other types), or why it has none. */
    public Object convert(String text) throws ValueRejected {
        if (text == null) {
            return nullValue();
        }
        if (column.type().kind() == ColumnType.Kind.ENUM) {
            return enumValue(text);
        }
        if (column.type().isText()) {
            return text;
        }
        String value = text.strip();
        if (value.isEmpty()) {
            return nullValue();
        }
        ColumnType type = column.type();
        return switch (type.kind()) {
            case BOOLEAN -> bool(value);
            case TINYINT -> (int) integer(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SMALLINT -> (int) integer(value, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER -> (int) integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT -> integer(value, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT -> (float) floating(value, Float.MAX_VALUE);
            case DOUBLE -> floating(value, Double.MAX_VALUE);
            case DECIMAL -> decimal(value, type);
            case DATE -> date(value);
            case TIME -> time(value);
            case TIMESTAMP -> timestamp(value);
            case TIMESTAMPTZ -> timestampTz(value);
            case UUID -> uuid(value);
            case VARCHAR, ENUM -> value;
        };
    }

    /** Exactly one of the values, case and blanks included: {@code 'Shipped'} is not {@code 'shipped'}. */
    private String enumValue(String text) throws ValueRejected {
        if (text.isEmpty()) {
            return (String) nullValue();
        }
        if (enumValues.contains(text)) {
            return text;
        }
        List<String> values = column.type().values();
        String listed = String.join(", ", values.subList(0, Math.min(values.size(), LISTED_VALUES)))
                + (values.size() > LISTED_VALUES ? " and " + (values.size() - LISTED_VALUES) + " more" : "");
        throw rejected("unknown_enum", text, "is not one of " + listed);
    }

    private Object nullValue() throws ValueRejected {
        if (column.required()) {
            throw new ValueRejected("null_required", "column '" + column.name() + "' is NOT NULL but has no value");
        }
        return null;
    }

    private Boolean bool(String value) throws ValueRejected {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "1":
                return Boolean.TRUE;
            case "false", "f", "no", "n", "0":
                return Boolean.FALSE;
            default:
                throw rejected("bad_boolean", value, "is not a boolean (true/false, yes/no, 1/0)");
        }
    }

    private long integer(String value, long min, long max) throws ValueRejected {
        if (!INTEGER.matcher(value).matches()) {
            throw rejected("malformed_number", value, "is not an integer");
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw outOfRange(value);
        }
        if (parsed < min || parsed > max) {
            throw outOfRange(value);
        }
        return parsed;
    }

    private double floating(String value, double max) throws ValueRejected {
        String lower = value.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "nan":
                return Double.NaN;
            case "inf", "infinity", "+inf", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (!FLOATING.matcher(value).matches()) {
            throw rejected("malformed_number", value, "is not a number");
        }
        double parsed = Double.parseDouble(value);
        if (Double.isInfinite(parsed) || Math.abs(parsed) > max) {
            throw outOfRange(value);
        }
        return parsed;
    }

    private BigDecimal decimal(String value, ColumnType type) throws ValueRejected {
        if (!DECIMAL.matcher(value).matches()) {
            throw rejected("malformed_number", value, "is not a number");
        }
        BigDecimal parsed = new BigDecimal(value);
        BigDecimal scaled;
        try {
            scaled = parsed.setScale(type.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw rejected(
                    "out_of_range",
                    value,
                    "has more than " + type.scale() + " decimal places, " + type + " keeps " + type.scale());
        }
        if (scaled.precision() - scaled.scale() > type.precision() - type.scale()
                && scaled.compareTo(BigDecimal.ZERO) != 0) {
            throw rejected("out_of_range", value, "does not fit " + type);
        }
        return scaled;
    }

    private LocalDate date(String value) throws ValueRejected {
        try {
            if (pattern == null && value.length() == 10 && isIsoDateShape(value, 0)) {
                return isoDate(value, 0);
            }
            return LocalDate.from((pattern == null ? ISO_DATE : pattern).parse(value));
        } catch (DateTimeException e) {
            throw rejected("bad_date", value, "is not a valid date (" + expected("yyyy-MM-dd") + ")");
        }
    }

    private LocalTime time(String value) throws ValueRejected {
        try {
            return LocalTime.from((pattern == null ? ISO_TIME : pattern).parse(value));
        } catch (DateTimeException e) {
            throw rejected("bad_time", value, "is not a valid time (" + expected("HH:mm:ss") + ")");
        }
    }

    private LocalDateTime timestamp(String value) throws ValueRejected {
        if (pattern == null && value.length() == 19 && isIsoDateShape(value, 0) && isIsoTimeShape(value, 11)) {
            char separator = value.charAt(10);
            if (separator == 'T' || separator == ' ') {
                try {
                    return LocalDateTime.of(
                            isoDate(value, 0),
                            LocalTime.of(digits(value, 11, 2), digits(value, 14, 2), digits(value, 17, 2)));
                } catch (DateTimeException e) {
                    throw rejected(
                            "bad_timestamp",
                            value,
                            "is not a valid timestamp (" + expected("yyyy-MM-dd HH:mm:ss[.ffffff]") + ")");
                }
            }
        }
        TemporalAccessor parsed = parseTimestamp(value);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.from(parsed)
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime();
        }
        return localDateTime(parsed, value);
    }

    private OffsetDateTime timestampTz(String value) throws ValueRejected {
        TemporalAccessor parsed = parseTimestamp(value);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.from(parsed).withOffsetSameInstant(ZoneOffset.UTC);
        }
        // without an offset, a TIMESTAMPTZ value is taken as UTC
        return localDateTime(parsed, value).atOffset(ZoneOffset.UTC);
    }

    private TemporalAccessor parseTimestamp(String value) throws ValueRejected {
        try {
            if (pattern == null && value.length() > 10 && value.charAt(10) != 'T' && value.charAt(10) != ' ') {
                throw new DateTimeParseException("no date-time separator", value, 10);
            }
            return (pattern == null ? ISO_TIMESTAMP : pattern).parse(value);
        } catch (DateTimeParseException e) {
            throw rejected(
                    "bad_timestamp",
                    value,
                    "is not a valid timestamp (" + expected("yyyy-MM-dd HH:mm:ss[.ffffff]") + ")");
        }
    }

    private LocalDateTime localDateTime(TemporalAccessor parsed, String value) throws ValueRejected {
        try {
            LocalDate date = LocalDate.from(parsed);
            return parsed.isSupported(ChronoField.HOUR_OF_DAY)
                    ? LocalDateTime.of(date, LocalTime.from(parsed))
                    : date.atStartOfDay();
        } catch (DateTimeException e) {
            throw rejected(
                    "bad_timestamp", value, "is not a valid timestamp (" + expected("yyyy-MM-dd HH:mm:ss") + ")");
        }
    }

    /*
     * The common shapes, yyyy-MM-dd and yyyy-MM-dd HH:mm:ss, are read by position: java.time's
     * formatter with optional sections costs microseconds a value, most of a large load's
     * conversion time. Anything else goes to the formatter, so both accept exactly the same values.
     */
    private static boolean isIsoDateShape(String value, int at) {
        return isDigits(value, at, 4)
                && value.charAt(at + 4) == '-'
                && isDigits(value, at + 5, 2)
                && value.charAt(at + 7) == '-'
                && isDigits(value, at + 8, 2);
    }

    private static boolean isIsoTimeShape(String value, int at) {
        return isDigits(value, at, 2)
                && value.charAt(at + 2) == ':'
                && isDigits(value, at + 3, 2)
                && value.charAt(at + 5) == ':'
                && isDigits(value, at + 6, 2);
    }

    private static LocalDate isoDate(String value, int at) {
        return LocalDate.of(digits(value, at, 4), digits(value, at + 5, 2), digits(value, at + 8, 2));
    }

    private static boolean isDigits(String value, int at, int count) {
        for (int i = at; i < at + count; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int digits(String value, int at, int count) {
        int n = 0;
        for (int i = at; i < at + count; i++) {
            n = n * 10 + (value.charAt(i) - '0');
        }
        return n;
    }

    private UUID uuid(String value) throws ValueRejected {
        if (!UUID_TEXT.matcher(value).matches()) {
            throw rejected("bad_uuid", value, "is not a UUID");
        }
        return UUID.fromString(value);
    }

    private String expected(String iso) {
        return "expected " + column.format().orElse(iso);
    }

    private ValueRejected outOfRange(String value) {
        return rejected("out_of_range", value, "is out of range for " + column.type());
    }

    private ValueRejected rejected(String reason, String value, String what) {
        return new ValueRejected(reason, "column '" + column.name() + "': '" + shown(value) + "' " + what);
    }

    /** A value as messages show it: long ones cut, so that a 100,000-character field does not flood a log. */
    private static String shown(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
