package dev.weir.duckdb;

import static dev.weir.core.spi.VersionHistories.IS_CURRENT;
import static dev.weir.core.spi.VersionHistories.OPEN_END;
import static dev.weir.core.spi.VersionHistories.REASSERTED_AT;
import static dev.weir.core.spi.VersionHistories.VALID_FROM;
import static dev.weir.core.spi.VersionHistories.VALID_TO;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.TableSchema;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Type 2 histories in SQL ({@link dev.weir.core.spi.VersionHistories}). A key's history is rebuilt
 * whole from its versions in the table and in the batch, so a version that arrives late, older than
 * the current one, lands in its place in the history, and a batch sent twice changes nothing.
 * Changes are found by comparing the tracked values themselves, not a hash of them: no collision
 * can hide a change.
 */
final class KeyHistories {
    private static final Set<String> TIME_TYPES = Set.of("date", "timestamp", "timestamptz");
    /** The table's versions of the batch's keys. */
    private static final String HELD = "__weir_held";
    /** The rebuilt history of the batch's keys, changed or not. */
    private static final String HISTORY = "__weir_history";
    /** Every version of the batch's keys, each flagged as a change or not and numbered by the run of equal versions it is in. */
    private static final String RUNS = "__weir_version_runs";

    private final SessionConnection sql;

    KeyHistories(SessionConnection sql) {
        this.sql = sql;
    }

    RelationInfo versions(String name, String batch, Optional<String> changedAt, Instant runStart) {
        RelationInfo relation = sql.describe(batch);
        for (String column : List.of(VALID_FROM, VALID_TO, IS_CURRENT, REASSERTED_AT)) {
            if (relation.schema().column(column).isPresent()) {
                throw WeirException.withHint(
                        ErrorCode.LOAD_REJECTED,
                        "Cannot load versions into an scd2 table: the batch already has a column '" + column + "'",
                        "rename it in the last transform stage: scd2 adds " + VALID_FROM + ", " + VALID_TO + ", "
                                + IS_CURRENT + " and " + REASSERTED_AT + " itself");
            }
        }
        String validFrom;
        String type;
        if (changedAt.isPresent()) {
            Column column = relation.schema()
                    .column(changedAt.get())
                    .orElseThrow(() -> WeirException.withHint(
                            ErrorCode.LOAD_REJECTED,
                            "Cannot load versions into an scd2 table: sequence_by column '" + changedAt.get()
                                    + "' is not a loaded column",
                            "select it in the last transform stage or fix load.sequence_by"));
            if (!TIME_TYPES.contains(column.type().toLowerCase(Locale.ROOT))) {
                throw WeirException.withHint(
                        ErrorCode.LOAD_REJECTED,
                        "Cannot load versions into an scd2 table: sequence_by column '" + changedAt.get() + "' is "
                                + column.type() + ", not a date or timestamp",
                        "scd2 needs the time each version became true; cast it in a transform stage, or leave"
                                + " sequence_by out to date versions by the run's start");
            }
            validFrom = Sql.ident(changedAt.get());
            type = DuckDbTypes.toDuckDb(column.type());
        } else {
            type = "TIMESTAMPTZ";
            validFrom = "CAST(" + Sql.literal(runStart.toString()) + " AS TIMESTAMPTZ)";
        }
        sql.execute(
                "CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS SELECT *, " + validFrom + " AS "
                        + Sql.ident(VALID_FROM) + ", CAST(NULL AS " + type + ") AS " + Sql.ident(VALID_TO)
                        + ", CAST(NULL AS BOOLEAN) AS " + Sql.ident(IS_CURRENT) + ", '' AS " + Sql.ident(REASSERTED_AT)
                        + " FROM " + Sql.relation(batch),
                ErrorCode.LOAD_REJECTED);
        return sql.describe(name);
    }

    long tiedVersions(String versions, List<String> keys) {
        return Long.parseLong(sql.select("SELECT count(*) FROM (SELECT count(*) OVER (PARTITION BY "
                        + Sql.identList(keys) + ", " + Sql.ident(VALID_FROM) + ") AS n FROM (SELECT DISTINCT * FROM "
                        + Sql.relation(versions) + ")) WHERE n > 1")
                .get(0)
                .get(0));
    }

    RelationInfo rebuildHistory(
            String name,
            String changedKeys,
            String versions,
            List<DataFileRef> files,
            TableSchema schema,
            List<String> keys,
            List<String> tracked,
            Optional<String> changedAt) {
        TableSchema described = sql.describe(versions).schema();
        List<String> names = described.columns().stream().map(Column::name).toList();
        // every column but the re-assertions, which are rows of their own until the history is folded again
        List<String> version =
                names.stream().filter(c -> !c.equals(REASSERTED_AT)).toList();
        String type =
                DuckDbTypes.toDuckDb(described.column(VALID_TO).orElseThrow().type());
        String keyList = Sql.identList(keys);
        String byKey = "PARTITION BY " + keyList + " ORDER BY " + Sql.ident(VALID_FROM);
        String incoming = "(SELECT DISTINCT " + Sql.identList(version) + " FROM " + Sql.relation(versions) + ")";
        String held = files.isEmpty()
                ? "SELECT " + Sql.identList(names) + " FROM " + Sql.relation(versions) + " WHERE false"
                : "SELECT " + qualified("t", names) + " FROM " + LiveRows.of(files, schema, "t", false) + " SEMI JOIN "
                        + incoming + " b ON " + Sql.keyJoin("t", "b", keys);
        sql.execute("CREATE OR REPLACE TEMP TABLE " + HELD + " AS " + held, ErrorCode.LOAD_REJECTED);
        // a folded version comes back with its own time, in valid_from and in the column it was dated by
        String reasserted = version.stream()
                .map(c -> c.equals(VALID_FROM) || changedAt.map(c::equals).orElse(false)
                        ? "CAST(u.moment AS " + type + ") AS " + Sql.ident(c)
                        : "h." + Sql.ident(c))
                .collect(Collectors.joining(", "));
        String heldVersions = "SELECT " + qualified("h", version) + " FROM " + HELD + " h UNION ALL SELECT "
                + reasserted
                + " FROM " + HELD + " h, unnest(string_split(h." + Sql.ident(REASSERTED_AT)
                + ", ',')) u(moment) WHERE h."
                + Sql.ident(REASSERTED_AT) + " <> ''";
        String merged = "SELECT * FROM " + incoming + " UNION ALL SELECT v.* FROM (" + heldVersions + ") v ANTI JOIN "
                + incoming + " b ON " + Sql.keyJoin("v", "b", keys) + " AND v." + Sql.ident(VALID_FROM) + " = b."
                + Sql.ident(VALID_FROM);
        // with nothing tracked no version differs from the one before: a key keeps its first
        String changed = tracked.isEmpty()
                ? "NULL"
                : tracked.stream().map(Sql::ident).collect(Collectors.joining(", ", "struct_pack(", ")"));
        String flagged = "SELECT *, row_number() OVER (" + byKey + ") = 1 OR " + changed + " IS DISTINCT FROM lag("
                + changed + ") OVER (" + byKey + ") AS __change FROM (" + merged + ")";
        String runs = "SELECT *, sum(CAST(__change AS INTEGER)) OVER (" + byKey
                + " ROWS UNBOUNDED PRECEDING) AS __run FROM (" + flagged + ")";
        sql.execute("CREATE OR REPLACE TEMP TABLE " + RUNS + " AS " + runs, ErrorCode.LOAD_REJECTED);
        // versions dated by the run never arrive late: what they fold needs no trace
        String folded = changedAt.isPresent()
                ? "coalesce(string_agg(CAST(" + Sql.ident(VALID_FROM) + " AS VARCHAR), ',' ORDER BY "
                        + Sql.ident(VALID_FROM) + ") FILTER (WHERE NOT __change), '')"
                : "''";
        String again = "SELECT " + keyList + ", __run, " + folded + " AS " + Sql.ident(REASSERTED_AT) + " FROM " + RUNS
                + " GROUP BY " + keyList + ", __run";
        String kept = "SELECT " + qualified("r", version) + ", a." + Sql.ident(REASSERTED_AT) + " FROM " + RUNS
                + " r JOIN (" + again + ") a ON " + Sql.keyJoin("r", "a", keys) + " AND r.__run = a.__run WHERE"
                + " r.__change";
        String openEnd = "CAST(" + Sql.literal(OPEN_END) + " AS " + type + ")";
        String history = "SELECT * REPLACE (coalesce(lead(" + Sql.ident(VALID_FROM) + ") OVER w, " + openEnd + ") AS "
                + Sql.ident(VALID_TO) + ", lead(" + Sql.ident(VALID_FROM) + ") OVER w IS NULL AS "
                + Sql.ident(IS_CURRENT) + ") FROM (" + kept + ") WINDOW w AS (" + byKey + ")";
        sql.execute(
                "CREATE OR REPLACE TEMP TABLE " + HISTORY + " AS SELECT " + Sql.identList(names) + " FROM (" + history
                        + ")",
                ErrorCode.LOAD_REJECTED);
        sql.execute(
                "CREATE OR REPLACE TEMP TABLE " + Sql.ident(changedKeys) + " AS SELECT DISTINCT " + keyList
                        + " FROM ((SELECT * FROM " + HISTORY + " EXCEPT SELECT * FROM " + HELD + ") UNION ALL"
                        + " (SELECT * FROM " + HELD + " EXCEPT SELECT * FROM " + HISTORY + "))",
                ErrorCode.LOAD_REJECTED);
        sql.execute(
                "CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS SELECT h.* FROM " + HISTORY + " h SEMI JOIN "
                        + Sql.ident(changedKeys) + " c ON " + Sql.keyJoin("h", "c", keys),
                ErrorCode.LOAD_REJECTED);
        return sql.describe(name);
    }

    private static String qualified(String alias, List<String> columns) {
        return columns.stream().map(c -> alias + "." + Sql.ident(c)).collect(Collectors.joining(", "));
    }
}
