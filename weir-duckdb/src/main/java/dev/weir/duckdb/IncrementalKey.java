package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.KeyWindow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The incremental key of a scan, compared in its type: the column's own, or the declared
 * {@code key_type} its text is converted to. Text itself is refused: as text '99' > '103', and a
 * watermark compared so skips rows for good. A key is valid when it is not NULL, converts, and
 * (for dates, timestamps and floating-point numbers) is finite: an infinite key would move the
 * watermark past every later row.
 *
 * @param column the key column
 * @param type the DuckDB type it is compared in
 * @param typeName that type as the user knows it, for messages: the declared key type, or the column's type
 * @param value the SQL expression of the key in that type
 */
record IncrementalKey(String column, String type, String typeName, String value) {
    private static final String TEXT = "VARCHAR";
    private static final DateTimeFormatter LOCAL_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter INSTANT_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx");
    private static final Set<String> MAY_BE_INFINITE = Set.of(
            "DATE",
            "TIMESTAMP",
            "TIMESTAMP WITH TIME ZONE",
            "TIMESTAMP_NS",
            "TIMESTAMP_MS",
            "TIMESTAMP_S",
            "FLOAT",
            "DOUBLE");

    /** The key of {@code filter} in the rows of {@code select}, whose columns say its type. */
    static IncrementalKey of(Statement statement, String select, Batch.KeyFilter filter) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet rs = statement.executeQuery("SELECT column_name, column_type FROM (DESCRIBE " + select + ")")) {
            while (rs.next()) {
                types.put(rs.getString(1), rs.getString(2));
            }
        }
        String column = filter.column();
        String columnType = types.get(column);
        if (columnType == null) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "Cannot extract incrementally on '" + column + "': the source has no such column",
                    "set extract.incremental_key to one of " + types.keySet());
        }
        IncrementalKey key;
        if (filter.type().isEmpty()) {
            if (columnType.equals(TEXT)) {
                throw WeirException.withHint(
                        ErrorCode.SOURCE_FAILED,
                        "Cannot extract incrementally on '" + column
                                + "': it is text, and text compares character by character ('99' > '103')",
                        "declare the type its values have with extract.key_type, such as 'key_type: bigint',"
                                + " 'key_type: timestamp' or 'key_type: date'; rows whose key does not convert are rejected");
            }
            key = new IncrementalKey(column, columnType, columnType, Sql.ident(column));
        } else {
            String declared = filter.type().get();
            String type = duckDbType(statement, column, declared);
            if (!columnType.equals(TEXT) && !columnType.equals(type)) {
                throw WeirException.withHint(
                        ErrorCode.SOURCE_FAILED,
                        "Cannot extract incrementally on '" + column + "': it is " + columnType
                                + ", not text, and key_type " + declared + " would compare it otherwise",
                        "remove extract.key_type: a typed column is compared in its own type");
            }
            key = new IncrementalKey(column, type, declared, "TRY_CAST(" + Sql.ident(column) + " AS " + type + ")");
        }
        filter.after().ifPresent(after -> key.checkWatermark(statement, after));
        return key;
    }

    /** The {@code WHERE} clause of a scan keeping the rows {@code filter} keeps (and those without a valid key past a watermark). */
    String where(Batch.KeyFilter filter) {
        return filter.window().map(this::within).orElseGet(() -> pastWatermark(filter.after()));
    }

    /**
     * The {@code WHERE} clause of a scan keeping the rows of a backfill chunk: a row without a valid
     * key lies in no window. Only dates and timestamps are cut into days.
     */
    private String within(KeyWindow window) {
        return " WHERE " + value + " >= " + bound(window.from()) + " AND " + value + " < " + bound(window.until());
    }

    private String bound(ZonedDateTime at) {
        String literal = switch (type) {
            case "DATE" -> at.toLocalDate().toString();
            case "TIMESTAMP WITH TIME ZONE" -> at.format(INSTANT_TEXT);
            case "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" -> at.format(LOCAL_TEXT);
            default ->
                throw WeirException.withHint(
                        ErrorCode.USAGE,
                        "Cannot backfill on '" + column + "': it is " + typeName
                                + ", and a backfill cuts a date or timestamp key into days",
                        "backfill a pipeline whose incremental_key is a date or timestamp (a text key can"
                                + " declare 'key_type: timestamp')");
        };
        return "CAST(" + Sql.literal(literal) + " AS " + type + ")";
    }

    /**
     * The {@code WHERE} clause of a scan keeping the rows past {@code after}, and those without a
     * valid key (set aside next); pushed into the scan so that only new rows are staged (and Parquet
     * row groups below the watermark are skipped).
     */
    private String pastWatermark(Optional<String> after) {
        return after.map(a -> " WHERE " + value + " > CAST(" + Sql.literal(a) + " AS " + type + ") OR " + invalid())
                .orElse("");
    }

    /** True for a row without a valid key. */
    String invalid() {
        return "NOT coalesce(" + valid(value) + ", false)";
    }

    /** Why a row without a valid key is rejected: {@code null_key: ...} or {@code bad_key: ...}, naming the value. */
    String reason() {
        String raw = Sql.ident(column);
        return "CASE WHEN " + raw + " IS NULL THEN " + Sql.literal("null_key: " + column + " is NULL") + " ELSE "
                + Sql.literal("bad_key: " + column + " = '") + " || CAST(" + raw + " AS VARCHAR) || "
                + Sql.literal("' is not a valid " + typeName) + " END";
    }

    private String valid(String expression) {
        return MAY_BE_INFINITE.contains(type)
                ? "(" + expression + " IS NOT NULL AND isfinite(" + expression + "))"
                : "(" + expression + " IS NOT NULL)";
    }

    private static String duckDbType(Statement statement, String column, String declared) {
        try (ResultSet rs = statement.executeQuery("SELECT typeof(CAST(NULL AS " + declared + "))")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "Cannot extract incrementally on '" + column + "': key_type '" + declared + "' is not a type",
                    "use bigint, integer, decimal(p,s), date, timestamp or timestamptz");
        }
    }

    /** Runs that compared a text key as text may have committed a watermark such as 'yesterday'. */
    private void checkWatermark(Statement statement, String after) {
        String converted = "TRY_CAST(" + Sql.literal(after) + " AS " + type + ")";
        try (ResultSet rs = statement.executeQuery("SELECT coalesce(" + valid(converted) + ", false)")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return;
            }
        } catch (SQLException e) {
            throw DuckDbErrors.failure(ErrorCode.SOURCE_FAILED, e);
        }
        throw WeirException.withHint(
                ErrorCode.SOURCE_FAILED,
                "Cannot extract incrementally on '" + column + "': the committed watermark '" + after
                        + "' is not a valid " + typeName,
                "an earlier run compared the key as text; find a snapshot with a valid watermark in `weir table history"
                        + " TABLE` and return to it with `weir table rollback TABLE --to SNAPSHOT_ID`");
    }
}
