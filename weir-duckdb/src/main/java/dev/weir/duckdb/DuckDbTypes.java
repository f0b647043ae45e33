package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Column;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps DuckDB column types to Iceberg type names and back. */
final class DuckDbTypes {
    private static final Pattern DECIMAL = Pattern.compile("(?i)(?:DECIMAL|NUMERIC)\\((\\d+),\\s*(\\d+)\\)");

    private DuckDbTypes() {}

    /**
     * The Iceberg type a DuckDB column of {@code duckType} is stored as, or
     * {@code unsupported(<duckType>)} for types Iceberg has no primitive for (lists, structs, ...).
     */
    static String toIceberg(String duckType) {
        String t = duckType.trim().toUpperCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(t);
        if (decimal.matches()) {
            return "decimal(" + decimal.group(1) + "," + decimal.group(2) + ")";
        }
        switch (t) {
            case "BOOLEAN":
                return "boolean";
            case "TINYINT":
            case "SMALLINT":
            case "INTEGER":
            case "UTINYINT":
            case "USMALLINT":
                return "int";
            case "BIGINT":
            case "UINTEGER":
                return "long";
            case "HUGEINT":
            case "UBIGINT":
                return "decimal(38,0)";
            case "FLOAT":
                return "float";
            case "DOUBLE":
                return "double";
            case "DATE":
                return "date";
            case "TIME":
                return "time";
            case "TIMESTAMP":
            case "TIMESTAMP_S":
            case "TIMESTAMP_MS":
            case "TIMESTAMP_NS":
                return "timestamp";
            case "TIMESTAMP WITH TIME ZONE":
                return "timestamptz";
            case "VARCHAR":
            case "UUID":
                return "string";
            case "BLOB":
                return "binary";
            default:
                return Column.unsupported(duckType);
        }
    }

    /** The DuckDB type that holds values of Iceberg type {@code icebergType}. */
    static String toDuckDb(String icebergType) {
        String t = icebergType.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("decimal(")) {
            return "DECIMAL" + t.substring("decimal".length()).replace(" ", "").toUpperCase(Locale.ROOT);
        }
        switch (t) {
            case "boolean":
                return "BOOLEAN";
            case "int":
                return "INTEGER";
            case "long":
                return "BIGINT";
            case "float":
                return "FLOAT";
            case "double":
                return "DOUBLE";
            case "date":
                return "DATE";
            case "time":
                return "TIME";
            case "timestamp":
                return "TIMESTAMP";
            case "timestamptz":
                return "TIMESTAMPTZ";
            case "string":
            case "uuid":
                return "VARCHAR";
            case "binary":
                return "BLOB";
            default:
                throw new WeirException(
                        ErrorCode.UNSUPPORTED_TABLE, "Cannot read Iceberg type '" + icebergType + "' with DuckDB yet");
        }
    }
}
