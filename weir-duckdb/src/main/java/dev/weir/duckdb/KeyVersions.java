package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.TableSchema;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which batch rows a keyed load may write: rows with a NULL key are split off for the quarantine
 * ({@link dev.weir.core.spi.KeyedWrites#splitOnNulls}), and of a key's versions only the newest
 * one, if newer than the table's ({@link dev.weir.core.spi.NewestVersions}).
 */
final class KeyVersions {
    private static final String ROW = "r";

    private final SessionConnection sql;

    KeyVersions(SessionConnection sql) {
        this.sql = sql;
    }

    RelationInfo splitOnNulls(String passing, String rejected, String relation, List<String> columns, String check) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("splitOnNulls needs at least one column");
        }
        String anyNull = columns.stream()
                .map(c -> ROW + "." + Sql.ident(c) + " IS NULL")
                .collect(Collectors.joining(" OR ", "(", ")"));
        // concat_ws skips the NULLs of the CASEs whose column is set, so only the NULL columns are named
        String reason = columns.stream()
                .map(c -> "CASE WHEN " + ROW + "." + Sql.ident(c) + " IS NULL THEN " + Sql.literal(c + " is NULL")
                        + " END")
                .collect(Collectors.joining(", ", "concat_ws(', ', ", ")"));
        String from = " FROM " + Sql.relation(relation) + " " + ROW;
        sql.execute(
                "CREATE OR REPLACE TEMP TABLE " + Sql.ident(rejected) + " AS SELECT " + ROW + ".*, "
                        + Sql.literal(check) + " AS " + Sql.ident(EngineSession.REJECTED_CHECK) + ", " + reason
                        + " AS " + Sql.ident(EngineSession.REJECTED_REASON) + ", to_json(" + ROW + ")::VARCHAR AS "
                        + Sql.ident(EngineSession.REJECTED_RECORD) + from + " WHERE " + anyNull,
                ErrorCode.LOAD_REJECTED);
        sql.execute(
                "CREATE OR REPLACE TEMP TABLE " + Sql.ident(passing) + " AS SELECT " + ROW + ".*" + from + " WHERE NOT "
                        + anyNull,
                ErrorCode.LOAD_REJECTED);
        return sql.describe(passing);
    }

    long tiedNewestRows(String relation, List<String> keys, String sequence) {
        return Long.parseLong(sql.select("SELECT count(*) FROM (SELECT count(*) OVER (PARTITION BY "
                        + Sql.identList(keys) + ") AS n FROM (" + newest(relation, keys, sequence) + ")) WHERE n > 1")
                .get(0)
                .get(0));
    }

    RelationInfo newestPerKey(String name, String relation, List<String> keys, String sequence) {
        sql.execute(
                "CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS " + newest(relation, keys, sequence),
                ErrorCode.LOAD_REJECTED);
        return sql.describe(name);
    }

    RelationInfo newerThanTable(
            String name,
            String relation,
            List<DataFileRef> files,
            TableSchema schema,
            List<String> keys,
            String sequence) {
        String query = "SELECT * FROM " + Sql.relation(relation);
        if (!files.isEmpty()) {
            // a table row with a NULL sequence value compares as NULL, so it never keeps a version out
            query = "SELECT b.* FROM " + Sql.relation(relation) + " b ANTI JOIN "
                    + LiveRows.of(files, schema, "t", false) + " ON " + Sql.keyJoin("b", "t", keys) + " AND t."
                    + Sql.ident(sequence) + " >= b." + Sql.ident(sequence);
        }
        sql.execute("CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS " + query, ErrorCode.LOAD_REJECTED);
        return sql.describe(name);
    }

    /** The distinct rows of {@code relation} that hold their key's greatest sequence value. */
    private static String newest(String relation, List<String> keys, String sequence) {
        return "SELECT DISTINCT * FROM (SELECT * FROM " + Sql.relation(relation) + " QUALIFY rank() OVER (PARTITION BY "
                + Sql.identList(keys) + " ORDER BY " + Sql.ident(sequence) + " DESC NULLS LAST) = 1 AND "
                + Sql.ident(sequence) + " IS NOT NULL)";
    }
}
