package dev.weir.metastore;

import dev.weir.core.spi.ScheduleStore;
import dev.weir.core.spi.Tick;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link ScheduleStore} in the metastore's tables (migration V4). Each fenced change is one
 * statement, or one transaction, whose condition is the lease: SQLite runs a statement atomically and
 * begins a writing transaction by taking the database's write lock; on PostgreSQL the condition reads
 * the lease row {@link SqlDialect#forShare() FOR SHARE}, so a scheduler taking the lease over waits
 * for the change to commit, and a change racing a takeover sees the new holder and does nothing.
 * Either way the check and the change cannot be split by another scheduler.
 */
final class SqlScheduleStore implements ScheduleStore {
    private static final String LEASE = "scheduler";
    private static final String TICK_COLUMNS =
            "tick_id, pipeline_name, scheduled_at, tick_trigger, state, attempts," + " run_ids, not_before, note";
    private static final String SELECT_TICKS = "SELECT " + TICK_COLUMNS + " FROM weir_schedule_ticks";

    private final SqlStatements statements;
    private final String holdsLease;

    SqlScheduleStore(SqlStatements statements) {
        this.statements = Objects.requireNonNull(statements, "statements is null");
        this.holdsLease = "EXISTS (SELECT 1 FROM weir_scheduler_lease WHERE lease_name = '" + LEASE
                + "' AND holder = ? AND expires_at > ?" + statements.dialect().forShare() + ")";
    }

    @Override
    public boolean holdLease(String holder, Instant now, Duration ttl) {
        String at = TimestampText.format(now);
        String until = TimestampText.format(now.plus(ttl));
        int changed = statements.update(
                "take the scheduler lease for " + holder,
                "INSERT INTO weir_scheduler_lease (lease_name, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (lease_name) DO UPDATE SET holder = excluded.holder,"
                        + " acquired_at = CASE WHEN weir_scheduler_lease.holder = excluded.holder"
                        + " THEN weir_scheduler_lease.acquired_at ELSE excluded.acquired_at END,"
                        + " expires_at = excluded.expires_at"
                        + " WHERE weir_scheduler_lease.holder = excluded.holder OR weir_scheduler_lease.expires_at <= ?",
                s -> {
                    s.setString(1, LEASE);
                    s.setString(2, holder);
                    s.setString(3, at);
                    s.setString(4, until);
                    s.setString(5, at);
                });
        return changed == 1;
    }

    @Override
    public void releaseLease(String holder) {
        statements.update(
                "release the scheduler lease of " + holder,
                "DELETE FROM weir_scheduler_lease WHERE lease_name = ? AND holder = ?",
                s -> {
                    s.setString(1, LEASE);
                    s.setString(2, holder);
                });
    }

    @Override
    public Optional<Lease> lease() {
        return statements
                .query(
                        "read the scheduler lease",
                        "SELECT holder, expires_at FROM weir_scheduler_lease WHERE lease_name = ?",
                        s -> s.setString(1, LEASE),
                        row -> new Lease(row.getString(1), TimestampText.parse(row.getString(2))))
                .stream()
                .findFirst();
    }

    @Override
    public Optional<ScheduleCursor> cursor(String pipeline) {
        return statements
                .query(
                        "read the schedule cursor of pipeline " + pipeline,
                        "SELECT last_tick_at, upstream_snapshots FROM weir_schedule_cursors WHERE pipeline_name = ?",
                        s -> s.setString(1, pipeline),
                        row -> new ScheduleCursor(TimestampText.parse(row.getString(1)), row.getString(2)))
                .stream()
                .findFirst();
    }

    @Override
    public boolean plan(String pipeline, List<Tick> ticks, ScheduleCursor cursor, String holder, Instant now) {
        String at = TimestampText.format(now);
        return statements.inTransaction("plan the ticks of pipeline " + pipeline, connection -> {
            if (!holds(connection, holder, at)) {
                return false;
            }
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO weir_schedule_ticks (" + TICK_COLUMNS
                            + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tick_id) DO NOTHING")) {
                for (Tick tick : ticks) {
                    bind(insert, tick);
                    insert.setString(10, at);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement move = connection.prepareStatement(
                    "INSERT INTO weir_schedule_cursors (pipeline_name, last_tick_at, upstream_snapshots, updated_at)"
                            + " VALUES (?, ?, ?, ?) ON CONFLICT (pipeline_name) DO UPDATE SET"
                            + " last_tick_at = excluded.last_tick_at, upstream_snapshots = excluded.upstream_snapshots,"
                            + " updated_at = excluded.updated_at")) {
                move.setString(1, pipeline);
                move.setString(2, TimestampText.format(cursor.lastTick()));
                move.setString(3, cursor.upstreamSnapshots());
                move.setString(4, at);
                move.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public boolean transition(Tick.TickState from, Tick updated, String holder, Instant now) {
        String at = TimestampText.format(now);
        int changed = statements.update(
                "move tick " + updated.tickId() + " to " + updated.state().wireName(),
                "UPDATE weir_schedule_ticks SET state = ?, attempts = ?, run_ids = ?, not_before = ?, note = ?,"
                        + " updated_at = ? WHERE tick_id = ? AND state = ? AND " + holdsLease,
                s -> {
                    s.setString(1, updated.state().wireName());
                    s.setInt(2, updated.attempts());
                    s.setString(3, String.join(" ", updated.runIds()));
                    s.setString(4, TimestampText.format(updated.notBefore()));
                    s.setString(5, updated.note().orElse(null));
                    s.setString(6, at);
                    s.setString(7, updated.tickId());
                    s.setString(8, from.wireName());
                    s.setString(9, holder);
                    s.setString(10, at);
                });
        return changed == 1;
    }

    @Override
    public List<Tick> openTicks() {
        return statements.query(
                "list the open ticks",
                SELECT_TICKS + " WHERE state IN (?, ?) ORDER BY scheduled_at, tick_id",
                s -> {
                    s.setString(1, Tick.TickState.PENDING.wireName());
                    s.setString(2, Tick.TickState.RUNNING.wireName());
                },
                SqlScheduleStore::read);
    }

    @Override
    public List<Tick> recentTicks(Optional<String> pipeline, int limit) {
        if (pipeline.isEmpty()) {
            return statements.query(
                    "list recent ticks",
                    SELECT_TICKS + " ORDER BY scheduled_at DESC, tick_id DESC LIMIT ?",
                    s -> s.setInt(1, limit),
                    SqlScheduleStore::read);
        }
        return statements.query(
                "list recent ticks of pipeline " + pipeline.get(),
                SELECT_TICKS + " WHERE pipeline_name = ? ORDER BY scheduled_at DESC, tick_id DESC LIMIT ?",
                s -> {
                    s.setString(1, pipeline.get());
                    s.setInt(2, limit);
                },
                SqlScheduleStore::read);
    }

    @Override
    public boolean markOnce(String marker, Instant now) {
        return statements.update(
                        "mark " + marker,
                        "INSERT INTO weir_once_markers (marker, created_at) VALUES (?, ?) ON CONFLICT (marker) DO NOTHING",
                        s -> {
                            s.setString(1, marker);
                            s.setString(2, TimestampText.format(now));
                        })
                == 1;
    }

    private boolean holds(Connection connection, String holder, String at) throws SQLException {
        try (PreparedStatement check = connection.prepareStatement("SELECT " + holdsLease)) {
            check.setString(1, holder);
            check.setString(2, at);
            try (ResultSet row = check.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static void bind(PreparedStatement s, Tick tick) throws SQLException {
        s.setString(1, tick.tickId());
        s.setString(2, tick.pipeline());
        s.setString(3, TimestampText.format(tick.scheduledAt()));
        s.setString(4, tick.trigger().wireName());
        s.setString(5, tick.state().wireName());
        s.setInt(6, tick.attempts());
        s.setString(7, String.join(" ", tick.runIds()));
        s.setString(8, TimestampText.format(tick.notBefore()));
        s.setString(9, tick.note().orElse(null));
    }

    private static Tick read(ResultSet row) throws SQLException {
        String runIds = row.getString(7);
        return new Tick(
                row.getString(1),
                row.getString(2),
                TimestampText.parse(row.getString(3)),
                Tick.Trigger.fromWireName(row.getString(4)),
                Tick.TickState.fromWireName(row.getString(5)),
                row.getInt(6),
                runIds.isEmpty() ? List.of() : Arrays.asList(runIds.split(" ")),
                TimestampText.parse(row.getString(8)),
                Optional.ofNullable(row.getString(9)));
    }
}
