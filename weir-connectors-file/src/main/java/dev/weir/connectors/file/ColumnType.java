package dev.weir.connectors.file;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The type a declared file column is converted to, written as a SQL type name in the spec
 * ({@code BIGINT}, {@code DECIMAL(10,2)}, {@code TIMESTAMP}) and stored as an Iceberg type.
 * Narrow integer types keep their range: a {@code SMALLINT} value above 32767 is out of range.
 * An {@code ENUM('placed','shipped')} is text limited to its {@code values}, compared exactly.
 */
public record ColumnType(Kind kind, int precision, int scale, List<String> values) {
    public enum Kind {
        BOOLEAN("boolean"),
        TINYINT("int"),
        SMALLINT("int"),
        INTEGER("int"),
        BIGINT("long"),
        FLOAT("float"),
        DOUBLE("double"),
        DECIMAL("decimal"),
        DATE("date"),
        TIME("time"),
        TIMESTAMP("timestamp"),
        TIMESTAMPTZ("timestamptz"),
        VARCHAR("string"),
        UUID("uuid"),
        // Iceberg has no enum type: the values are stored as the text they are
        ENUM("string");

        private final String iceberg;

        Kind(String iceberg) {
            this.iceberg = iceberg;
        }
    }

    /** Text with a length, as SQL writes it; the length is not enforced (DuckDB and Iceberg strings have none). */
    private static final Pattern SIZED_TEXT =
            Pattern.compile("(?:VARCHAR|CHAR|CHARACTER VARYING|CHARACTER|TEXT|STRING)\\s*\\(\\s*\\d+\\s*\\)");

    private static final Pattern ENUM = Pattern.compile("(?i)ENUM\\b.*", Pattern.DOTALL);
    /** ENUM and a parenthesised list of quoted values, SQL's way: a quote inside a value is doubled. */
    private static final Pattern ENUM_LIST = Pattern.compile(
            "(?i)ENUM\\s*\\(\\s*(?:'(?:[^']|'')*'\\s*(?:,\\s*'(?:[^']|'')*'\\s*)*)?\\)", Pattern.DOTALL);

    private static final Pattern ENUM_VALUE = Pattern.compile("'((?:[^']|'')*)'", Pattern.DOTALL);
    private static final String ENUM_FORM = "write ENUM('placed','shipped'): each value in single quotes, separated by"
            + " commas, a quote inside a value doubled ('it''s')";

    private static final Pattern DECIMAL =
            Pattern.compile("(?:DECIMAL|NUMERIC)\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
    private static final Map<String, Kind> NAMES = Map.ofEntries(
            Map.entry("BOOLEAN", Kind.BOOLEAN),
            Map.entry("BOOL", Kind.BOOLEAN),
            Map.entry("TINYINT", Kind.TINYINT),
            Map.entry("SMALLINT", Kind.SMALLINT),
            Map.entry("INTEGER", Kind.INTEGER),
            Map.entry("INT", Kind.INTEGER),
            Map.entry("BIGINT", Kind.BIGINT),
            Map.entry("LONG", Kind.BIGINT),
            Map.entry("FLOAT", Kind.FLOAT),
            Map.entry("REAL", Kind.FLOAT),
            Map.entry("DOUBLE", Kind.DOUBLE),
            Map.entry("DATE", Kind.DATE),
            Map.entry("TIME", Kind.TIME),
            Map.entry("TIMESTAMP", Kind.TIMESTAMP),
            Map.entry("DATETIME", Kind.TIMESTAMP),
            Map.entry("TIMESTAMPTZ", Kind.TIMESTAMPTZ),
            Map.entry("TIMESTAMP WITH TIME ZONE", Kind.TIMESTAMPTZ),
            Map.entry("VARCHAR", Kind.VARCHAR),
            Map.entry("TEXT", Kind.VARCHAR),
            Map.entry("STRING", Kind.VARCHAR),
            Map.entry("UUID", Kind.UUID));

    /** The names {@link #parse} knows, for hints. */
    static final String KNOWN = "BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL(p,s), DATE, TIME,"
            + " TIMESTAMP, TIMESTAMPTZ, VARCHAR, UUID, ENUM('a','b')";

    static final ColumnType TEXT = new ColumnType(Kind.VARCHAR, 0, 0, List.of());

    public ColumnType {
        Objects.requireNonNull(kind, "kind is null");
        values = List.copyOf(values);
        if ((kind == Kind.ENUM) == values.isEmpty()) {
            throw new IllegalArgumentException("an ENUM, and only an ENUM, has values");
        }
    }

    /** Whether {@code sqlName} is written as an enum, to be read by {@link #parseEnum}. */
    static boolean isEnum(String sqlName) {
        return ENUM.matcher(sqlName.strip()).matches();
    }

    /**
     * The enum {@code sqlName} writes, such as {@code ENUM('placed', 'shipped')}; a problem is an
     * {@link IllegalArgumentException} saying what is wrong with it, for the spec error.
     */
    static ColumnType parseEnum(String column, String sqlName) {
        String text = sqlName.strip();
        String type = "type '" + text + "' of column '" + column + "'";
        if (!ENUM_LIST.matcher(text).matches()) {
            throw new IllegalArgumentException("Cannot read the " + type + ": " + ENUM_FORM);
        }
        List<String> values = new ArrayList<>();
        Matcher quoted = ENUM_VALUE.matcher(text);
        while (quoted.find()) {
            String value = quoted.group(1).replace("''", "'");
            if (value.isEmpty()) {
                throw new IllegalArgumentException("Invalid " + type + ": an ENUM value cannot be empty (an empty"
                        + " field is NULL; declare the column without NOT NULL to allow it)");
            }
            if (values.contains(value)) {
                throw new IllegalArgumentException("Invalid " + type + ": '" + value
                        + "' is listed twice (values are case-sensitive: 'a' and 'A' are two values)");
            }
            values.add(value);
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid " + type + ": an ENUM needs at least one value, such as ENUM('placed','shipped')");
        }
        return new ColumnType(Kind.ENUM, 0, 0, values);
    }

    /** The type named {@code sqlName}; empty when it is not one a file column can be converted to (enums: see {@link #parseEnum}). */
    static Optional<ColumnType> parse(String sqlName) {
        String name = sqlName.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(name);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = Integer.parseInt(decimal.group(2));
            return precision >= 1 && precision <= 38 && scale <= precision
                    ? Optional.of(new ColumnType(Kind.DECIMAL, precision, scale, List.of()))
                    : Optional.empty();
        }
        if (SIZED_TEXT.matcher(name).matches()) {
            return Optional.of(TEXT);
        }
        if (name.equals("DECIMAL") || name.equals("NUMERIC")) {
            return Optional.of(new ColumnType(Kind.DECIMAL, 18, 3, List.of()));
        }
        return Optional.ofNullable(NAMES.get(name)).map(kind -> new ColumnType(kind, 0, 0, List.of()));
    }

    /** The Iceberg type name columns of this type are stored as. */
    public String icebergName() {
        return kind == Kind.DECIMAL ? "decimal(" + precision + "," + scale + ")" : kind.iceberg;
    }

    /** Whether values are stored as text: a text column or an enum. */
    public boolean isText() {
        return kind == Kind.VARCHAR || kind == Kind.ENUM;
    }

    boolean takesFormat() {
        return kind == Kind.DATE || kind == Kind.TIME || kind == Kind.TIMESTAMP || kind == Kind.TIMESTAMPTZ;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
            case ENUM ->
                values.stream()
                        .map(v -> "'" + v.replace("'", "''") + "'")
                        .collect(Collectors.joining(",", "ENUM(", ")"));
            default -> kind.name();
        };
    }
}
