package dev.weir.connectors.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Maps the columns of a JDBC result to Iceberg types, by the driver's type name first (PostgreSQL
 * reports {@code timestamptz}, {@code uuid} and {@code jsonb} under generic JDBC types) and then
 * by the JDBC type. Values are read without loss: decimals at their scale (a value that would need
 * rounding is a reject, never rounded), timestamps at the driver's full precision (microseconds for
 * PostgreSQL). A column no rule maps fails the run before any row is read, naming it.
 */
final class TypeMapping {
    /** Iceberg's widest decimal. */
    static final int MAX_PRECISION = 38;
    /** The scale of a PostgreSQL {@code numeric} declared without precision and scale. */
    static final int UNCONSTRAINED_SCALE = 9;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final boolean sqlite;
    private final Predicate<String> isEnum;

    /**
     * @param sqlite whether the database is SQLite, whose INTEGER holds 64 bits and REAL is a double
     * @param isEnum whether a type name the driver reports as {@code OTHER} is an enumeration
     */
    TypeMapping(boolean sqlite, Predicate<String> isEnum) {
        this.sqlite = sqlite;
        this.isEnum = isEnum;
    }

    SourceColumn column(ResultSetMetaData meta, int index) throws SQLException {
        String name = meta.getColumnLabel(index);
        String typeName = meta.getColumnTypeName(index);
        String lower = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        boolean required = meta.isNullable(index) == ResultSetMetaData.columnNoNulls;
        int jdbcType = meta.getColumnType(index);
        switch (lower) {
            case "timestamptz":
                return new SourceColumn(name, "timestamptz", typeName, required, TypeMapping::timestampTz);
            case "timetz":
                throw unmappable(name, typeName, "Iceberg has no time with a time zone", name + "::time");
            case "uuid":
                return new SourceColumn(name, "uuid", typeName, required, TypeMapping::uuid);
            case "json", "jsonb", "xml", "bit", "varbit", "citext":
                return new SourceColumn(name, "string", typeName, required, ResultSet::getString);
            default:
                break;
        }
        switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT:
                return new SourceColumn(name, "int", typeName, required, TypeMapping::integer);
            case Types.INTEGER:
                return sqlite
                        ? new SourceColumn(name, "long", typeName, required, TypeMapping::bigint)
                        : new SourceColumn(name, "int", typeName, required, TypeMapping::integer);
            case Types.BIGINT:
                return new SourceColumn(name, "long", typeName, required, TypeMapping::bigint);
            case Types.NUMERIC, Types.DECIMAL:
                return decimal(meta, index, name, typeName, required);
            case Types.REAL:
                return sqlite
                        ? new SourceColumn(name, "double", typeName, required, TypeMapping::doubleValue)
                        : new SourceColumn(name, "float", typeName, required, TypeMapping::floatValue);
            case Types.FLOAT, Types.DOUBLE:
                return new SourceColumn(name, "double", typeName, required, TypeMapping::doubleValue);
            case Types.BOOLEAN, Types.BIT:
                return new SourceColumn(name, "boolean", typeName, required, TypeMapping::bool);
            case Types.CHAR,
                    Types.VARCHAR,
                    Types.LONGVARCHAR,
                    Types.NCHAR,
                    Types.NVARCHAR,
                    Types.LONGNVARCHAR,
                    Types.CLOB,
                    Types.NCLOB:
                return new SourceColumn(name, "string", typeName, required, ResultSet::getString);
            case Types.DATE:
                return new SourceColumn(name, "date", typeName, required, (r, i) -> r.getObject(i, LocalDate.class));
            case Types.TIME:
                return new SourceColumn(name, "time", typeName, required, (r, i) -> r.getObject(i, LocalTime.class));
            case Types.TIMESTAMP:
                return new SourceColumn(
                        name, "timestamp", typeName, required, (r, i) -> r.getObject(i, LocalDateTime.class));
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return new SourceColumn(name, "timestamptz", typeName, required, TypeMapping::timestampTz);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB:
                return new SourceColumn(name, "string", typeName, required, TypeMapping::hex);
            case Types.ARRAY:
                return new SourceColumn(name, "string", typeName, required, TypeMapping::jsonArray);
            default:
                if (isEnum.test(typeName)) {
                    return new SourceColumn(name, "string", typeName, required, ResultSet::getString);
                }
                throw unmappable(name, typeName, "no Iceberg type is known for it", name + "::text");
        }
    }

    private static SourceColumn decimal(
            ResultSetMetaData meta, int index, String name, String typeName, boolean required) throws SQLException {
        int precision = meta.getPrecision(index);
        int scale = meta.getScale(index);
        // PostgreSQL reports numeric without a declared precision as precision 0 (older drivers: 131089)
        boolean unconstrained = precision == 0 || precision > 1000;
        if (unconstrained) {
            precision = MAX_PRECISION;
            scale = UNCONSTRAINED_SCALE;
        } else if (precision > MAX_PRECISION) {
            throw unmappable(
                    name,
                    typeName + "(" + precision + "," + scale + ")",
                    "Iceberg decimals hold at most " + MAX_PRECISION + " digits",
                    name + "::numeric(38," + Math.min(scale, MAX_PRECISION) + ")");
        }
        String icebergType = "decimal(" + precision + "," + scale + ")";
        int p = precision;
        int s = scale;
        return new SourceColumn(name, icebergType, typeName, required, (r, i) -> decimalValue(r, i, p, s, name));
    }

    private static BigDecimal decimalValue(ResultSet rows, int index, int precision, int scale, String column)
            throws SQLException {
        BigDecimal value = rows.getBigDecimal(index);
        if (value == null) {
            return null;
        }
        BigDecimal scaled;
        try {
            scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new ColumnReader.ValueRejected(
                    "out_of_range",
                    "column '" + column + "': " + value.toPlainString() + " has more than " + scale
                            + " decimal places, and is never rounded; declare the column numeric(p,s) or cast it in"
                            + " extract.query");
        }
        if (scaled.precision() > precision) {
            throw new ColumnReader.ValueRejected(
                    "out_of_range",
                    "column '" + column + "': " + value.toPlainString() + " has more than " + precision + " digits");
        }
        return scaled;
    }

    private static Object integer(ResultSet rows, int index) throws SQLException {
        int value = rows.getInt(index);
        return rows.wasNull() ? null : value;
    }

    private static Object bigint(ResultSet rows, int index) throws SQLException {
        long value = rows.getLong(index);
        return rows.wasNull() ? null : value;
    }

    private static Object floatValue(ResultSet rows, int index) throws SQLException {
        float value = rows.getFloat(index);
        return rows.wasNull() ? null : value;
    }

    private static Object doubleValue(ResultSet rows, int index) throws SQLException {
        double value = rows.getDouble(index);
        return rows.wasNull() ? null : value;
    }

    private static Object bool(ResultSet rows, int index) throws SQLException {
        boolean value = rows.getBoolean(index);
        return rows.wasNull() ? null : value;
    }

    private static Object timestampTz(ResultSet rows, int index) throws SQLException {
        OffsetDateTime value = rows.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Object uuid(ResultSet rows, int index) throws SQLException {
        String value = rows.getString(index);
        return value == null ? null : UUID.fromString(value);
    }

    private static Object hex(ResultSet rows, int index) throws SQLException {
        byte[] value = rows.getBytes(index);
        return value == null ? null : HEX.formatHex(value);
    }

    private static Object jsonArray(ResultSet rows, int index) throws SQLException {
        Array array = rows.getArray(index);
        if (array == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(jsonElements((Object[]) array.getArray()));
        } catch (JsonProcessingException e) {
            throw new ColumnReader.ValueRejected(
                    "malformed_record",
                    "column '" + rows.getMetaData().getColumnLabel(index) + "': the array cannot be written as JSON");
        } finally {
            array.free();
        }
    }

    /** Numbers and booleans stay JSON numbers and booleans, nested arrays nest; all else is its text. */
    private static Object[] jsonElements(Object[] elements) {
        return Arrays.stream(elements)
                .map(e -> e == null || e instanceof Number || e instanceof Boolean
                        ? e
                        : e instanceof Object[] nested ? jsonElements(nested) : e.toString())
                .toArray();
    }

    private static WeirException unmappable(String column, String type, String why, String cast) {
        return WeirException.withHint(
                ErrorCode.SOURCE_FAILED,
                "Cannot load column '" + column + "' of type " + type + ": " + why,
                "leave it out, or cast it in extract.query, such as 'select ..., " + cast + " as " + column
                        + " from ...'");
    }
}
