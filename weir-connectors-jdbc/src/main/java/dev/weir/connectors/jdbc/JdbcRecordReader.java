package dev.weir.connectors.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.core.spi.Cancellation;
import dev.weir.core.spi.RecordReader;
import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.RecordSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Streams the rows of one query to a sink, one at a time: the driver holds at most
 * {@code fetchSize} rows (a forward-only, read-only cursor inside a transaction), and no row is
 * kept after the sink took it. Each record is either a row or a reject: a value that does not fit
 * its column, or a NULL cursor under {@code null_cursor: reject}.
 */
final class JdbcRecordReader implements RecordReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final DatabaseConnection database;
    private final String sql;
    private final Optional<Object> bound;
    private final List<SourceColumn> columns;
    /** The columns' readers, looked up once instead of once a value. */
    private final ColumnReader[] readers;

    private final int fetchSize;
    private final Optional<CursorPlan> cursor;
    private final Optional<WatermarkTracker> tracker;
    private final String origin;
    private final RowKey key;
    private final Cancellation cancellation;

    JdbcRecordReader(
            Connection connection,
            DatabaseConnection database,
            String sql,
            List<SourceColumn> columns,
            int fetchSize,
            Optional<CursorPlan> cursor,
            Optional<WatermarkTracker> tracker,
            String origin,
            RowKey key,
            Cancellation cancellation) {
        this.connection = connection;
        this.database = database;
        this.sql = sql;
        this.bound = cursor.flatMap(CursorPlan::lowerBound);
        this.columns = List.copyOf(columns);
        this.readers = columns.stream().map(SourceColumn::reader).toArray(ColumnReader[]::new);
        this.fetchSize = fetchSize;
        this.cursor = cursor;
        this.tracker = tracker;
        this.origin = origin;
        this.key = key;
        this.cancellation = cancellation;
    }

    @Override
    public void read(RecordSink sink) {
        try (PreparedStatement statement =
                connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(fetchSize);
            if (bound.isPresent()) {
                statement.setObject(1, bound.get());
            }
            try (ResultSet rows = statement.executeQuery()) {
                long line = 0;
                while (rows.next()) {
                    line++;
                    if (line % fetchSize == 0) {
                        cancellation.check();
                    }
                    readRow(rows, line, sink);
                }
            }
            connection.rollback();
        } catch (SQLException e) {
            throw database.failure("Cannot read " + origin, e);
        }
        tracker.ifPresent(WatermarkTracker::finish);
    }

    private void readRow(ResultSet rows, long line, RecordSink sink) throws SQLException {
        Object[] values = new Object[readers.length];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = readers[i].read(rows, i + 1);
            } catch (ColumnReader.ValueRejected rejected) {
                sink.reject(new RecordReject(
                        rejected.reason(), rejected.getMessage(), text(rows), key.origin(origin, rows, line)));
                return;
            }
        }
        if (cursor.isPresent()) {
            CursorPlan plan = cursor.get();
            Object value = values[plan.index()];
            if (value == null) {
                if (plan.rejectsNullCursors()) {
                    sink.reject(new RecordReject(
                            "null_key",
                            plan.column() + " (the cursor) is NULL, and extract.null_cursor is reject",
                            text(rows),
                            key.origin(origin, rows, line)));
                    return;
                }
            } else {
                Object[] rowKey = new Object[plan.keyIndexes().size()];
                for (int k = 0; k < rowKey.length; k++) {
                    rowKey[k] = values[plan.keyIndexes().get(k)];
                }
                tracker.orElseThrow().offer(value, rowKey);
            }
        }
        sink.row(values, origin, line);
    }

    /** The record as JSON of its columns' text, for the quarantine. */
    private String text(ResultSet rows) throws SQLException {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < columns.size(); i++) {
            node.put(columns.get(i).name(), rows.getString(i + 1));
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
