package dev.weir.metastore;

import dev.weir.core.spi.Backfill;
import dev.weir.core.spi.BackfillChunk;
import dev.weir.core.spi.BackfillStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@link BackfillStore} in the metastore's tables (migration V6). */
final class SqlBackfillStore implements BackfillStore {
    private static final String BACKFILL_COLUMNS = "backfill_id, pipeline_name, start_day, end_day, chunk_size, reason,"
            + " status, requested_at, finished_at, anomalies";
    private static final String CHUNK_COLUMNS = "start_day, end_day, status, run_id, rows_before, rows_after,"
            + " rows_extracted, rows_loaded, rows_rejected, checks_passed, checks_failed, message, anomalies";
    private static final String NOT_DONE = "status <> '" + Backfill.Status.DONE.wireName() + "'";

    private final SqlStatements statements;

    SqlBackfillStore(SqlStatements statements) {
        this.statements = Objects.requireNonNull(statements, "statements is null");
    }

    @Override
    public void create(Backfill backfill) {
        statements.inTransaction("save backfill " + backfill.id(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO weir_backfills (" + BACKFILL_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, backfill.id());
                insert.setString(2, backfill.pipeline());
                insert.setString(3, backfill.start().toString());
                insert.setString(4, backfill.end().toString());
                insert.setString(5, backfill.chunkSize());
                insert.setString(6, backfill.reason());
                insert.setString(7, backfill.status().wireName());
                insert.setString(8, TimestampText.format(backfill.requestedAt()));
                insert.setString(
                        9, backfill.finishedAt().map(TimestampText::format).orElse(null));
                insert.setString(10, lines(backfill.anomalies()));
                insert.executeUpdate();
            }
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO weir_backfill_chunks (backfill_id, " + CHUNK_COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (BackfillChunk chunk : backfill.chunks()) {
                    insert.setString(1, backfill.id());
                    bindChunk(insert, 2, chunk);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Optional<Backfill> unfinished(String pipeline, LocalDate start, LocalDate end, String chunkSize) {
        return statements
                .query(
                        "find the unfinished backfill of pipeline " + pipeline,
                        "SELECT backfill_id FROM weir_backfills WHERE pipeline_name = ? AND start_day = ? AND end_day = ?"
                                + " AND chunk_size = ? AND " + NOT_DONE
                                + " ORDER BY requested_at DESC, backfill_id DESC",
                        s -> {
                            s.setString(1, pipeline);
                            s.setString(2, start.toString());
                            s.setString(3, end.toString());
                            s.setString(4, chunkSize);
                        },
                        row -> row.getString(1))
                .stream()
                .findFirst()
                .flatMap(this::backfill);
    }

    @Override
    public void saveChunk(String id, BackfillChunk chunk) {
        statements.update(
                "save chunk " + chunk.start() + " of backfill " + id,
                "UPDATE weir_backfill_chunks SET end_day = ?, status = ?, run_id = ?, rows_before = ?, rows_after = ?,"
                        + " rows_extracted = ?, rows_loaded = ?, rows_rejected = ?, checks_passed = ?,"
                        + " checks_failed = ?, message = ?, anomalies = ? WHERE backfill_id = ? AND start_day = ?",
                s -> {
                    s.setString(1, chunk.end().toString());
                    s.setString(2, chunk.status().wireName());
                    s.setString(3, chunk.runId().orElse(null));
                    s.setLong(4, chunk.rowsBefore());
                    s.setLong(5, chunk.rowsAfter());
                    s.setLong(6, chunk.rowsExtracted());
                    s.setLong(7, chunk.rowsLoaded());
                    s.setLong(8, chunk.rowsRejected());
                    s.setInt(9, chunk.checksPassed());
                    s.setInt(10, chunk.checksFailed());
                    s.setString(11, chunk.message().orElse(null));
                    s.setString(12, lines(chunk.anomalies()));
                    s.setString(13, id);
                    s.setString(14, chunk.start().toString());
                });
    }

    @Override
    public void finish(String id, Backfill.Status status, List<String> anomalies, Optional<Instant> finishedAt) {
        statements.update(
                "save the status of backfill " + id,
                "UPDATE weir_backfills SET status = ?, anomalies = ?, finished_at = ? WHERE backfill_id = ?",
                s -> {
                    s.setString(1, status.wireName());
                    s.setString(2, lines(anomalies));
                    s.setString(3, finishedAt.map(TimestampText::format).orElse(null));
                    s.setString(4, id);
                });
    }

    @Override
    public Optional<Backfill> backfill(String id) {
        return statements
                .query(
                        "read backfill " + id,
                        "SELECT " + BACKFILL_COLUMNS + " FROM weir_backfills WHERE backfill_id = ?",
                        s -> s.setString(1, id),
                        this::read)
                .stream()
                .findFirst();
    }

    @Override
    public List<Backfill> recent(int limit) {
        return statements.query(
                "list the backfills",
                "SELECT " + BACKFILL_COLUMNS
                        + " FROM weir_backfills ORDER BY requested_at DESC, backfill_id DESC LIMIT ?",
                s -> s.setInt(1, limit),
                this::read);
    }

    @Override
    public int pending(Optional<String> pipeline) {
        return statements
                .query(
                        "count the pending backfills",
                        "SELECT count(*) FROM weir_backfills WHERE " + NOT_DONE
                                + (pipeline.isPresent() ? " AND pipeline_name = ?" : ""),
                        s -> {
                            if (pipeline.isPresent()) {
                                s.setString(1, pipeline.get());
                            }
                        },
                        row -> row.getInt(1))
                .get(0);
    }

    private Backfill read(ResultSet row) throws SQLException {
        String id = row.getString(1);
        return new Backfill(
                id,
                row.getString(2),
                LocalDate.parse(row.getString(3)),
                LocalDate.parse(row.getString(4)),
                row.getString(5),
                row.getString(6),
                Backfill.Status.fromWireName(row.getString(7)),
                TimestampText.parse(row.getString(8)),
                Optional.ofNullable(row.getString(9)).map(TimestampText::parse),
                chunks(id),
                parseLines(row.getString(10)));
    }

    private List<BackfillChunk> chunks(String id) {
        return statements.query(
                "read the chunks of backfill " + id,
                "SELECT " + CHUNK_COLUMNS + " FROM weir_backfill_chunks WHERE backfill_id = ? ORDER BY start_day DESC",
                s -> s.setString(1, id),
                row -> new BackfillChunk(
                        LocalDate.parse(row.getString(1)),
                        LocalDate.parse(row.getString(2)),
                        BackfillChunk.Status.fromWireName(row.getString(3)),
                        Optional.ofNullable(row.getString(4)),
                        row.getLong(5),
                        row.getLong(6),
                        row.getLong(7),
                        row.getLong(8),
                        row.getLong(9),
                        row.getInt(10),
                        row.getInt(11),
                        Optional.ofNullable(row.getString(12)),
                        parseLines(row.getString(13))));
    }

    private static void bindChunk(PreparedStatement s, int first, BackfillChunk chunk) throws SQLException {
        s.setString(first, chunk.start().toString());
        s.setString(first + 1, chunk.end().toString());
        s.setString(first + 2, chunk.status().wireName());
        s.setString(first + 3, chunk.runId().orElse(null));
        s.setLong(first + 4, chunk.rowsBefore());
        s.setLong(first + 5, chunk.rowsAfter());
        s.setLong(first + 6, chunk.rowsExtracted());
        s.setLong(first + 7, chunk.rowsLoaded());
        s.setLong(first + 8, chunk.rowsRejected());
        s.setInt(first + 9, chunk.checksPassed());
        s.setInt(first + 10, chunk.checksFailed());
        s.setString(first + 11, chunk.message().orElse(null));
        s.setString(first + 12, lines(chunk.anomalies()));
    }

    private static String lines(List<String> lines) {
        return String.join("\n", lines);
    }

    private static List<String> parseLines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
