package dev.weir.metastore;

import dev.weir.core.spi.StageEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** How a {@link StageEvent} maps to a row of {@code weir_stage_events}. */
final class StageEventRows {
    static final String INSERT = "INSERT INTO weir_stage_events"
            + " (run_id, stage, started_at, completed_at, row_count, status, message) VALUES (?, ?, ?, ?, ?, ?, ?)";

    /** The events of one run in insertion order, which {@code event_id} records. */
    static final String SELECT_OF_RUN = "SELECT run_id, stage, started_at, completed_at, row_count, status, message"
            + " FROM weir_stage_events WHERE run_id = ? ORDER BY event_id";

    private StageEventRows() {}

    static void bind(PreparedStatement statement, StageEvent event) throws SQLException {
        statement.setString(1, event.runId());
        statement.setString(2, event.stage());
        statement.setString(3, TimestampText.format(event.startedAt()));
        statement.setString(4, TimestampText.format(event.completedAt()));
        statement.setLong(5, event.rows());
        statement.setString(6, event.status());
        statement.setString(7, event.message().orElse(null));
    }

    static StageEvent read(ResultSet row) throws SQLException {
        return new StageEvent(
                row.getString("run_id"),
                row.getString("stage"),
                TimestampText.parse(row.getString("started_at")),
                TimestampText.parse(row.getString("completed_at")),
                row.getLong("row_count"),
                row.getString("status"),
                Optional.ofNullable(row.getString("message")));
    }
}
