package dev.weir.metastore;

import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a {@link RunRecord} maps to a row of {@code weir_runs}; one column per record field (the
 * warnings one per line, NULL when none).
 */
final class RunRows {
    private static final List<String> COLUMNS = List.of(
            "run_id",
            "pipeline_name",
            "started_at",
            "completed_at",
            "status",
            "stage",
            "rows_extracted",
            "rows_transformed",
            "rows_loaded",
            "rows_rejected",
            "quality_checks_passed",
            "quality_checks_failed",
            "duration_seconds",
            "error_message",
            "watermark_before",
            "watermark_after",
            "warnings");

    /** Inserts a run or replaces every column of the row with the same run id. */
    static final String UPSERT = "INSERT INTO weir_runs (" + String.join(", ", COLUMNS) + ") VALUES ("
            + String.join(", ", Collections.nCopies(COLUMNS.size(), "?")) + ") ON CONFLICT (run_id) DO UPDATE SET "
            + COLUMNS.stream().skip(1).map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));

    static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM weir_runs";

    /** The order of {@code recentRuns}: latest start first, run id breaking ties. */
    static final String LATEST_FIRST = " ORDER BY started_at DESC, run_id DESC";

    private RunRows() {}

    /** Binds {@code run} to the parameters of {@link #UPSERT}, in {@link #COLUMNS} order. */
    static void bind(PreparedStatement statement, RunRecord run) throws SQLException {
        statement.setString(1, run.runId());
        statement.setString(2, run.pipelineName());
        statement.setString(3, TimestampText.format(run.startedAt()));
        statement.setString(4, run.completedAt().map(TimestampText::format).orElse(null));
        statement.setString(5, run.status().wireName());
        statement.setString(6, run.stage());
        statement.setLong(7, run.rowsExtracted());
        statement.setLong(8, run.rowsTransformed());
        statement.setLong(9, run.rowsLoaded());
        statement.setLong(10, run.rowsRejected());
        statement.setInt(11, run.qualityChecksPassed());
        statement.setInt(12, run.qualityChecksFailed());
        statement.setDouble(13, run.durationSeconds());
        statement.setString(14, run.errorMessage().orElse(null));
        statement.setString(15, run.watermarkBefore().orElse(null));
        statement.setString(16, run.watermarkAfter().orElse(null));
        statement.setString(17, run.warnings().isEmpty() ? null : String.join("\n", run.warnings()));
    }

    /** Reads the current row of a result of {@link #SELECT}. */
    static RunRecord read(ResultSet row) throws SQLException {
        return new RunRecord(
                row.getString("pipeline_name"),
                row.getString("run_id"),
                TimestampText.parse(row.getString("started_at")),
                Optional.ofNullable(row.getString("completed_at")).map(TimestampText::parse),
                RunStatus.fromWireName(row.getString("status")),
                row.getString("stage"),
                row.getLong("rows_extracted"),
                row.getLong("rows_transformed"),
                row.getLong("rows_loaded"),
                row.getLong("rows_rejected"),
                row.getInt("quality_checks_passed"),
                row.getInt("quality_checks_failed"),
                row.getDouble("duration_seconds"),
                Optional.ofNullable(row.getString("error_message")),
                Optional.ofNullable(row.getString("watermark_before")),
                Optional.ofNullable(row.getString("watermark_after")),
                Optional.ofNullable(row.getString("warnings"))
                        .map(w -> List.of(w.split("\n")))
                        .orElse(List.of()));
    }
}
