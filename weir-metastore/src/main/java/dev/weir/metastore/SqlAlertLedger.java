package dev.weir.metastore;

import dev.weir.core.spec.Severity;
import dev.weir.core.spi.Alert;
import dev.weir.core.spi.AlertLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link AlertLedger} in the metastore's tables {@code weir_alert_deliveries},
 * {@code weir_alert_digest_queue} and {@code weir_alert_digests}. Each call is one transaction that
 * holds the lock of what it decides on ({@link SqlDialect#lockKey}): two processes deciding on one
 * alert, or taking one digest, take turns. A digest takes the queue with one {@code DELETE ...
 * RETURNING}, so no alert queued while it is taken is deleted unsent.
 */
final class SqlAlertLedger implements AlertLedger {
    private static final String LINES = "\n";

    private final SqlStatements statements;

    SqlAlertLedger(SqlStatements statements) {
        this.statements = Objects.requireNonNull(statements, "statements is null");
    }

    @Override
    public Admission admit(String dedupKey, String pipeline, Instant now, Duration quietPeriod) {
        return inTransaction("decide on alert of pipeline " + pipeline, connection -> {
            statements.dialect().lockKey(connection, "weir_alert_deliveries " + dedupKey);
            try (PreparedStatement read = connection.prepareStatement(
                    "SELECT last_sent_at, suppressed, suppressed_since FROM weir_alert_deliveries WHERE dedup_key = ?")) {
                read.setString(1, dedupKey);
                try (ResultSet row = read.executeQuery()) {
                    if (row.next()) {
                        Instant lastSent = TimestampText.parse(row.getString(1));
                        long suppressed = row.getLong(2);
                        Optional<Instant> since =
                                Optional.ofNullable(row.getString(3)).map(TimestampText::parse);
                        if (now.isBefore(lastSent.plus(quietPeriod))) {
                            suppress(connection, dedupKey, since.orElse(now));
                            return new Admission(false, suppressed + 1, Optional.of(since.orElse(now)));
                        }
                        sent(connection, dedupKey, pipeline, now);
                        return new Admission(true, suppressed, since);
                    }
                }
            }
            sent(connection, dedupKey, pipeline, now);
            return new Admission(true, 0, Optional.empty());
        });
    }

    private static void suppress(Connection connection, String dedupKey, Instant since) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE weir_alert_deliveries"
                + " SET suppressed = suppressed + 1, suppressed_since = ? WHERE dedup_key = ?")) {
            update.setString(1, TimestampText.format(since));
            update.setString(2, dedupKey);
            update.executeUpdate();
        }
    }

    private static void sent(Connection connection, String dedupKey, String pipeline, Instant now) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO weir_alert_deliveries"
                + " (dedup_key, pipeline_name, last_sent_at, suppressed, suppressed_since) VALUES (?, ?, ?, 0, NULL)"
                + " ON CONFLICT (dedup_key) DO UPDATE SET last_sent_at = excluded.last_sent_at, suppressed = 0,"
                + " suppressed_since = NULL")) {
            upsert.setString(1, dedupKey);
            upsert.setString(2, pipeline);
            upsert.setString(3, TimestampText.format(now));
            upsert.executeUpdate();
        }
    }

    @Override
    public void resolve(String pipeline) {
        inTransaction("forget alerts of pipeline " + pipeline, connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM weir_alert_deliveries WHERE pipeline_name = ?")) {
                delete.setString(1, pipeline);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public void queueForDigest(List<String> channels, Alert alert) {
        inTransaction("queue an alert of pipeline " + alert.pipeline() + " for the digest", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO weir_alert_digest_queue"
                    + " (channels, kind, severity, pipeline_name, run_id, table_name, title, details,"
                    + " notification_channel, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, String.join(LINES, channels));
                insert.setString(2, alert.kind().name());
                insert.setString(3, alert.severity().name());
                insert.setString(4, alert.pipeline());
                insert.setString(5, alert.runId());
                insert.setString(6, alert.table());
                insert.setString(7, alert.title());
                insert.setString(8, String.join(LINES, alert.details()));
                insert.setString(9, alert.notificationChannel().orElse(null));
                insert.setString(10, TimestampText.format(alert.at()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<Queued> takeDigest(Instant dueAt) {
        String due = TimestampText.format(dueAt);
        return inTransaction("take the alert digest", connection -> {
            statements.dialect().lockKey(connection, "weir_alert_digests");
            try (PreparedStatement last = connection.prepareStatement("SELECT due_at FROM weir_alert_digests")) {
                try (ResultSet row = last.executeQuery()) {
                    if (row.next() && row.getString(1).compareTo(due) >= 0) {
                        return List.of();
                    }
                }
            }
            try (PreparedStatement mark = connection.prepareStatement("INSERT INTO weir_alert_digests (id, due_at)"
                    + " VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET due_at = excluded.due_at")) {
                mark.setString(1, due);
                mark.executeUpdate();
            }
            // one statement takes exactly what it deletes, even from writers that commit meanwhile
            List<Map.Entry<Long, Queued>> taken = new ArrayList<>();
            try (PreparedStatement take = connection.prepareStatement("DELETE FROM weir_alert_digest_queue"
                            + " RETURNING channels, kind, severity, pipeline_name, run_id, table_name, title, details,"
                            + " notification_channel, raised_at, id");
                    ResultSet rows = take.executeQuery()) {
                while (rows.next()) {
                    taken.add(Map.entry(rows.getLong(11), new Queued(lines(rows.getString(1)), read(rows))));
                }
            }
            taken.sort(Map.Entry.comparingByKey());
            return taken.stream().map(Map.Entry::getValue).toList();
        });
    }

    private static Alert read(ResultSet row) throws SQLException {
        return new Alert(
                Alert.Kind.valueOf(row.getString(2)),
                Severity.valueOf(row.getString(3)),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                lines(row.getString(8)),
                Optional.ofNullable(row.getString(9)),
                TimestampText.parse(row.getString(10)));
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(LINES, -1));
    }

    private <T> T inTransaction(String action, SqlStatements.Work<T> work) {
        return statements.inTransaction(action, work);
    }
}
