package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RejectedRows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Builds the rows of a quarantine table from relations of rejected rows ({@link RejectedRows#quarantineRows}). */
final class QuarantineRelation {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final Connection connection;
    private final StagedRecords origins;

    QuarantineRelation(Connection connection, StagedRecords origins) {
        this.connection = connection;
        this.origins = origins;
    }

    /** Creates temporary table {@code name} with the quarantine rows of {@code rejects}. */
    void create(String name, List<RejectedRows.Rejects> rejects, String runId, String pipeline, Instant rejectedAt) {
        if (rejects.isEmpty()) {
            throw new IllegalArgumentException("quarantineRows needs at least one relation of rejects");
        }
        List<String> traced = traced(rejects);
        String rows = IntStream.range(0, rejects.size())
                .mapToObj(i -> select(rejects.get(i), traced.get(i), runId, pipeline, rejectedAt))
                .collect(Collectors.joining(" UNION ALL "));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS " + rows);
            for (String relation : traced) {
                if (relation.startsWith(RecordTracing.PREFIX)) {
                    statement.execute("DROP TABLE " + relation);
                }
            }
            statement.execute("DROP TABLE IF EXISTS " + RecordTracing.TEXTS);
        } catch (SQLException e) {
            throw new WeirException(
                    ErrorCode.INTERNAL,
                    "Cannot collect the rejected rows: " + DuckDbErrors.firstLine(e),
                    null,
                    null,
                    e);
        }
    }

    private List<String> traced(List<RejectedRows.Rejects> rejects) {
        try {
            return new RecordTracing(connection, origins).trace(rejects);
        } catch (SQLException e) {
            throw new WeirException(
                    ErrorCode.INTERNAL,
                    "Cannot trace the rejected rows to their records: " + DuckDbErrors.firstLine(e),
                    null,
                    null,
                    e);
        }
    }

    /**
     * The quarantine rows of {@code r}; {@code traced} is its relation with the origin of each row's
     * record (see {@link RecordTracing}), or {@code r}'s relation when not traced.
     */
    private static String select(
            RejectedRows.Rejects r, String traced, String runId, String pipeline, Instant rejectedAt) {
        String head = "SELECT " + Sql.literal(runId) + " AS run_id, " + Sql.literal(pipeline)
                + " AS pipeline, CAST(" + Sql.literal(TIMESTAMP.format(rejectedAt)) + " AS TIMESTAMP) AS rejected_at, "
                + Sql.ident(EngineSession.REJECTED_CHECK) + " AS check_name, "
                + Sql.ident(EngineSession.REJECTED_REASON)
                + " AS reason, ";
        if (traced.equals(r.relation())) {
            return head + Sql.ident(EngineSession.REJECTED_RECORD) + " AS raw_record, " + origin(r.origin())
                    + " AS origin FROM " + Sql.relation(r.relation());
        }
        return head + "coalesce(t.raw, " + Sql.ident(EngineSession.REJECTED_RECORD)
                + ") AS raw_record, coalesce(t.origin, "
                + origin(r.origin()) + ") AS origin FROM " + traced + " LEFT JOIN " + RecordTracing.TEXTS + " t ON t."
                + Sql.ident(StagedRecords.ROW) + " = " + Sql.ident(RecordTracing.TRACED);
    }

    /** See {@link RejectedRows#dropQuarantined}. */
    long dropQuarantined(String rejects, String quarantine, String pipeline) {
        String relation = Sql.relation(rejects);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM " + relation + " r WHERE EXISTS (SELECT 1 FROM " + Sql.relation(quarantine)
                    + " q WHERE q.pipeline = " + Sql.literal(pipeline) + " AND q.raw_record = r."
                    + Sql.ident(EngineSession.REJECTED_RECORD) + " AND q.origin = r."
                    + Sql.ident(EngineSession.REJECTED_ORIGIN) + ")");
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + relation)) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new WeirException(
                    ErrorCode.INTERNAL,
                    "Cannot leave out the rejects quarantined before: " + DuckDbErrors.firstLine(e),
                    null,
                    null,
                    e);
        }
    }

    /** {@code 'bronze.orders' || ' ' || 'order_id=' || coalesce(CAST("order_id" AS VARCHAR), 'NULL')}, or the origin column. */
    private static String origin(RejectedRows.Origin origin) {
        if (origin instanceof RejectedRows.OriginColumn column) {
            return "CAST(" + Sql.ident(column.column()) + " AS VARCHAR)";
        }
        RejectedRows.SourceKeys source = origin instanceof RejectedRows.BatchRecord record
                ? record.otherwise()
                : (RejectedRows.SourceKeys) origin;
        String keyText = source.keys().stream()
                .map(k -> Sql.literal(k + "=") + " || coalesce(CAST(" + Sql.ident(k) + " AS VARCHAR), 'NULL')")
                .collect(Collectors.joining(" || ', ' || "));
        return Sql.literal(source.source()) + (source.keys().isEmpty() ? "" : " || ' ' || " + keyText);
    }
}
