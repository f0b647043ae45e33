package dev.weir.connectors.file;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type a declared file column is converted to, written as a SQL type name in the spec
 * ({@code BIGINT}, {@code DECIMAL(10,2)}, {@code TIMESTAMP}) and stored as an Iceberg type.
 * Narrow integer types keep their range: a {@code SMALLINT} value above 32767 is out of range.
 */
public record ColumnType(Kind kind, int precision, int scale) {
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
        UUID("uuid");

        private final String iceberg;

        Kind(String iceberg) {
            this.iceberg = iceberg;
        }
    }

    /** Text with a length, as SQL writes it; the length is not enforced (DuckDB and Iceberg strings have none). */
    private static final Pattern SIZED_TEXT =
            Pattern.compile("(?:VARCHAR|CHAR|CHARACTER VARYING|CHARACTER|TEXT|STRING)\\s*\\(\\s*\\d+\\s*\\)");

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
            + " TIMESTAMP, TIMESTAMPTZ, VARCHAR, UUID";

    static final ColumnType TEXT = new ColumnType(Kind.VARCHAR, 0, 0);

    public ColumnType {
        Objects.requireNonNull(kind, "kind is null");
    }

    /** The type named {@code sqlName}; empty when it is not one a file column can be converted to. */
    static Optional<ColumnType> parse(String sqlName) {
        String name = sqlName.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(name);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = Integer.parseInt(decimal.group(2));
            return precision >= 1 && precision <= 38 && scale <= precision
                    ? Optional.of(new ColumnType(Kind.DECIMAL, precision, scale))
                    : Optional.empty();
        }
        if (SIZED_TEXT.matcher(name).matches()) {
            return Optional.of(TEXT);
        }
        if (name.equals("DECIMAL") || name.equals("NUMERIC")) {
            return Optional.of(new ColumnType(Kind.DECIMAL, 18, 3));
        }
        return Optional.ofNullable(NAMES.get(name)).map(kind -> new ColumnType(kind, 0, 0));
    }

    /** The Iceberg type name columns of this type are stored as. */
    String icebergName() {
        return kind == Kind.DECIMAL ? "decimal(" + precision + "," + scale + ")" : kind.iceberg;
    }

    boolean isText() {
        return kind == Kind.VARCHAR;
    }

    boolean takesFormat() {
        return kind == Kind.DATE || kind == Kind.TIME || kind == Kind.TIMESTAMP || kind == Kind.TIMESTAMPTZ;
    }

    @Override
    public String toString() {
        return kind == Kind.DECIMAL ? "DECIMAL(" + precision + "," + scale + ")" : kind.name();
    }
}
