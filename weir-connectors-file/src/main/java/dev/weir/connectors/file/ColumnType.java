package dev.weir.connectors.file;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
        int at = 4;
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        if (at == text.length() || text.charAt(at) != '(' || !text.endsWith(")")) {
            throw new IllegalArgumentException(
                    "Cannot read the type '" + text + "' of column '" + column + "': " + ENUM_FORM);
        }
        String list = text.substring(at + 1, text.length() - 1);
        List<String> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int i = skipBlanks(list, 0);
        while (i < list.length()) {
            if (list.charAt(i) != '\'') {
                throw new IllegalArgumentException(
                        "Cannot read the type '" + text + "' of column '" + column + "': " + ENUM_FORM);
            }
            StringBuilder value = new StringBuilder();
            i++;
            while (true) {
                if (i >= list.length()) {
                    throw new IllegalArgumentException("Cannot read the type '" + text + "' of column '" + column
                            + "': a quote is not closed; " + ENUM_FORM);
                }
                char c = list.charAt(i++);
                if (c != '\'') {
                    value.append(c);
                } else if (i < list.length() && list.charAt(i) == '\'') {
                    value.append('\'');
                    i++;
                } else {
                    break;
                }
            }
            String v = value.toString();
            if (v.isEmpty()) {
                throw new IllegalArgumentException("Invalid type '" + text + "' of column '" + column
                        + "': an ENUM value cannot be empty (an empty field is NULL; declare the column without NOT"
                        + " NULL to allow it)");
            }
            if (!seen.add(v)) {
                throw new IllegalArgumentException("Invalid type '" + text + "' of column '" + column + "': '" + v
                        + "' is listed twice (values are case-sensitive: 'a' and 'A' are two values)");
            }
            values.add(v);
            i = skipBlanks(list, i);
            if (i < list.length()) {
                if (list.charAt(i) != ',') {
                    throw new IllegalArgumentException(
                            "Cannot read the type '" + text + "' of column '" + column + "': " + ENUM_FORM);
                }
                i = skipBlanks(list, i + 1);
                if (i == list.length()) {
                    throw new IllegalArgumentException(
                            "Cannot read the type '" + text + "' of column '" + column + "': " + ENUM_FORM);
                }
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("Invalid type '" + text + "' of column '" + column
                    + "': an ENUM needs at least one value, such as ENUM('placed','shipped')");
        }
        return new ColumnType(Kind.ENUM, 0, 0, values);
    }

    private static int skipBlanks(String text, int at) {
        int i = at;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
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
    String icebergName() {
        return kind == Kind.DECIMAL ? "decimal(" + precision + "," + scale + ")" : kind.iceberg;
    }

    /** Whether values are stored as text: a text column or an enum. */
    boolean isText() {
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
