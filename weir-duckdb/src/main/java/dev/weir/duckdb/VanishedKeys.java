package dev.weir.duckdb;

import static dev.weir.core.spi.VersionHistories.IS_CURRENT;
import static dev.weir.core.spi.VersionHistories.VALID_TO;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.VanishedRows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rows of a table whose keys a source no longer holds ({@link VanishedRows}), in SQL: the
 * table's live rows anti-joined with the source's keys and the batch's.
 */
final class VanishedKeys implements VanishedRows {
    private final SessionConnection sql;

    VanishedKeys(SessionConnection sql) {
        this.sql = sql;
    }

    @Override
    public RelationInfo stageKeys(String name, Batch keys, List<String> columns) {
        if (keys instanceof Batch.Table table) {
            TableSchema source = sql.columnsOf(table.table().toString());
            for (String column : columns) {
                if (source.column(column).isEmpty()) {
                    throw WeirException.withHint(
                            ErrorCode.LOAD_REJECTED,
                            "Cannot reconcile deletes: " + table.table() + " has no column '" + column
                                    + "' of load.merge_keys " + columns,
                            "set load.merge_keys to the key of " + table.table()
                                    + ", keeping its column names in the transform stages");
                }
            }
            sql.execute(
                    "CREATE OR REPLACE TEMP VIEW " + Sql.ident(name) + " AS SELECT " + Sql.identList(columns) + " FROM "
                            + Sql.table(table.table()),
                    ErrorCode.LOAD_REJECTED);
            return sql.describe(name);
        }
        if (!(keys instanceof Batch.Records records)) {
            throw new IllegalArgumentException("Keys come as records or a table, not " + keys);
        }
        String rows = name + "_rows";
        // a StagedRecords of their own: the batch's records must stay traceable for its quarantine
        new RecordStager(sql).stage(records, rows, Optional.empty(), new StagedRecords());
        sql.execute(
                "CREATE OR REPLACE TEMP VIEW " + Sql.ident(name) + " AS SELECT * EXCLUDE ("
                        + Sql.ident(StagedRecords.ROW) + ") FROM " + Sql.ident(rows),
                ErrorCode.INTERNAL);
        return sql.describe(name);
    }

    @Override
    public Vanished vanished(
            String name,
            List<DataFileRef> files,
            TableSchema schema,
            List<String> keys,
            List<String> present,
            Scope scope) {
        String columns = schema.names().stream().map(c -> "t." + Sql.ident(c)).collect(Collectors.joining(", "));
        if (files.isEmpty()) {
            sql.execute(
                    "CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS SELECT " + emptyRow(schema) + " LIMIT 0",
                    ErrorCode.LOAD_REJECTED);
            return new Vanished(sql.describe(name), 0);
        }
        String table = LiveRows.of(files, schema, "t", false);
        String inScope = switch (scope) {
            case ALL_ROWS -> "true";
            case NOT_SOFT_DELETED -> "t." + Sql.ident(DELETED_AT) + " IS NULL";
            case CURRENT_VERSIONS -> "t." + Sql.ident(IS_CURRENT);
        };
        StringBuilder query = new StringBuilder("SELECT " + columns + " FROM " + table);
        for (int i = 0; i < present.size(); i++) {
            String alias = "p" + i;
            query.append(" ANTI JOIN ")
                    .append(Sql.relation(present.get(i)))
                    .append(' ')
                    .append(alias)
                    .append(" ON ")
                    .append(Sql.keyJoin("t", alias, keys));
        }
        query.append(" WHERE ").append(inScope);
        sql.execute("CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS " + query, ErrorCode.LOAD_REJECTED);
        long total = Long.parseLong(sql.select("SELECT count(*) FROM " + table + " WHERE " + inScope)
                .get(0)
                .get(0));
        return new Vanished(sql.describe(name), total);
    }

    @Override
    public RelationInfo keysOf(String name, List<String> keys, List<String> relations) {
        String union = relations.stream()
                .map(r -> "SELECT " + Sql.identList(keys) + " FROM " + Sql.relation(r))
                .collect(Collectors.joining(" UNION "));
        sql.execute("CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS " + union, ErrorCode.LOAD_REJECTED);
        return sql.describe(name);
    }

    @Override
    public RelationInfo withDeletedAt(String name, String loaded) {
        if (sql.describe(loaded).schema().column(DELETED_AT).isPresent()) {
            throw WeirException.withHint(
                    ErrorCode.LOAD_REJECTED,
                    "Cannot mark rows deleted in " + DELETED_AT + ": the batch already has a column of that name",
                    "rename it in the last transform stage: reconcile_deletes mode soft_delete sets " + DELETED_AT
                            + " itself");
        }
        sql.execute(
                "CREATE OR REPLACE TEMP VIEW " + Sql.ident(name) + " AS SELECT *, CAST(NULL AS TIMESTAMPTZ) AS "
                        + Sql.ident(DELETED_AT) + " FROM " + Sql.relation(loaded),
                ErrorCode.LOAD_REJECTED);
        return sql.describe(name);
    }

    @Override
    public RelationInfo softDeleted(String name, String loaded, String vanished, Instant at) {
        sql.execute(
                "CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS SELECT * FROM " + Sql.relation(loaded)
                        + " UNION ALL BY NAME SELECT * REPLACE (" + timestamp(at) + " AS " + Sql.ident(DELETED_AT)
                        + ") FROM " + Sql.relation(vanished),
                ErrorCode.LOAD_REJECTED);
        return sql.describe(name);
    }

    @Override
    public RelationInfo closedHistories(
            String name,
            String history,
            String vanished,
            List<DataFileRef> files,
            TableSchema schema,
            List<String> keys,
            Instant at) {
        String validTo =
                DuckDbTypes.toDuckDb(schema.column(VALID_TO).orElseThrow().type());
        String columns = schema.names().stream().map(c -> "t." + Sql.ident(c)).collect(Collectors.joining(", "));
        String closed = "SELECT * REPLACE (CASE WHEN " + Sql.ident(IS_CURRENT) + " THEN CAST(" + timestamp(at)
                + " AS " + validTo + ") ELSE " + Sql.ident(VALID_TO) + " END AS " + Sql.ident(VALID_TO) + ", false AS "
                + Sql.ident(IS_CURRENT) + ") FROM (SELECT " + columns + " FROM "
                + LiveRows.of(files, schema, "t", false)
                + " SEMI JOIN " + Sql.relation(vanished) + " v ON " + Sql.keyJoin("t", "v", keys) + ")";
        sql.execute(
                "CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS SELECT * FROM " + Sql.relation(history)
                        + " UNION ALL BY NAME " + closed,
                ErrorCode.LOAD_REJECTED);
        return sql.describe(name);
    }

    private static String timestamp(Instant at) {
        return "CAST(" + Sql.literal(at.toString()) + " AS TIMESTAMPTZ)";
    }

    private static String emptyRow(TableSchema schema) {
        return schema.columns().stream()
                .map(c -> "CAST(NULL AS " + DuckDbTypes.toDuckDb(c.type()) + ") AS " + Sql.ident(c.name()))
                .collect(Collectors.joining(", "));
    }
}
