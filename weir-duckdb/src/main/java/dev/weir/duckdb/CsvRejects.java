package dev.weir.duckdb;

import dev.weir.core.spi.EngineSession;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL that turns the records a CSV scan with {@code store_rejects} skipped (DuckDB's
 * {@link BatchReaders#REJECTS_TABLE} and {@link BatchReaders#REJECTS_SCAN}) into a relation of
 * malformed records, one row per bad record, in the columns {@link EngineSession#stageKeepingMalformed}
 * promises.
 */
final class CsvRejects {
    /** The check name of records that could not be parsed. */
    private static final String MALFORMED_CHECK = "parse";

    private CsvRejects() {}

    /** Creates {@code malformed} from the rejects of the scans of files named {@code inputNames} (relative names by absolute path). */
    static String createFromRejects(String malformed, Map<String, String> inputNames) {
        String names = inputNames.entrySet().stream()
                .map(e -> "(" + Sql.literal(e.getKey()) + ", " + Sql.literal(e.getValue()) + ")")
                .collect(Collectors.joining(", "));
        // one rejected row per bad record: DuckDB reports each bad column of a record separately
        String reason =
                "string_agg(e.error_type || coalesce(' in column ' || e.column_name, '') || ': ' || e.error_message, '; '"
                        + " ORDER BY e.column_idx)";
        String origin = "coalesce(n.name, s.file_path) || ':' || e.line";
        return "CREATE OR REPLACE TEMP TABLE " + Sql.ident(malformed) + " AS SELECT "
                + columns(reason, "rtrim(first(e.csv_line), chr(13) || chr(10))", origin) + " FROM "
                + BatchReaders.REJECTS_TABLE + " e JOIN "
                + BatchReaders.REJECTS_SCAN + " s USING (scan_id, file_id) LEFT JOIN (VALUES " + names
                + ") n(path, name) ON n.path = s.file_path"
                + " GROUP BY s.file_path, n.name, e.line ORDER BY s.file_path, e.line";
    }

    /** Creates {@code malformed} with no rows, for a batch read without setting records aside. */
    static String createEmpty(String malformed) {
        return "CREATE OR REPLACE TEMP TABLE " + Sql.ident(malformed) + " AS SELECT " + columns("NULL", "NULL", "NULL")
                + " WHERE false";
    }

    private static String columns(String reason, String record, String origin) {
        return "CAST('" + MALFORMED_CHECK + "' AS VARCHAR) AS " + Sql.ident(EngineSession.REJECTED_CHECK) + ", CAST("
                + reason + " AS VARCHAR) AS "
                + Sql.ident(EngineSession.REJECTED_REASON) + ", CAST(" + record + " AS VARCHAR) AS "
                + Sql.ident(EngineSession.REJECTED_RECORD)
                + ", CAST(" + origin + " AS VARCHAR) AS " + Sql.ident(EngineSession.REJECTED_ORIGIN);
    }
}
