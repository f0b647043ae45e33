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

/** Builds the rows of a quarantine table from relations of rejected rows ({@link RejectedRows#quarantineRows}). */
final class QuarantineRelation {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final Connection connection;

    QuarantineRelation(Connection connection) {
        this.connection = connection;
    }

    /** Creates temporary table {@code name} with the quarantine rows of {@code rejects}. */
    void create(String name, List<RejectedRows.Rejects> rejects, String runId, String pipeline, Instant rejectedAt) {
        if (rejects.isEmpty()) {
            throw new IllegalArgumentException("quarantineRows needs at least one relation of rejects");
        }
        String rows = rejects.stream()
                .map(r ->
                        "SELECT " + Sql.literal(runId) + " AS run_id, " + Sql.literal(pipeline) + " AS pipeline, CAST("
                                + Sql.literal(TIMESTAMP.format(rejectedAt)) + " AS TIMESTAMP) AS rejected_at, "
                                + Sql.ident(EngineSession.REJECTED_CHECK) + " AS check_name, "
                                + Sql.ident(EngineSession.REJECTED_REASON)
                                + " AS reason, " + Sql.ident(EngineSession.REJECTED_RECORD) + " AS raw_record, "
                                + origin(r.origin())
                                + " AS origin FROM " + Sql.relation(r.relation()))
                .collect(Collectors.joining(" UNION ALL "));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS " + rows);
        } catch (SQLException e) {
            throw new WeirException(
                    ErrorCode.INTERNAL,
                    "Cannot collect the rejected rows: " + DuckDbErrors.firstLine(e),
                    null,
                    null,
                    e);
        }
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
        RejectedRows.SourceKeys source = (RejectedRows.SourceKeys) origin;
        String keyText = source.keys().stream()
                .map(k -> Sql.literal(k + "=") + " || coalesce(CAST(" + Sql.ident(k) + " AS VARCHAR), 'NULL')")
                .collect(Collectors.joining(" || ', ' || "));
        return Sql.literal(source.source()) + (source.keys().isEmpty() ? "" : " || ' ' || " + keyText);
    }
}
