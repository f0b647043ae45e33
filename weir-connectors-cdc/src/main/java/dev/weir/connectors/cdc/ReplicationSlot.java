package dev.weir.connectors.cdc;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The replication slot and the publication Weir owns for one pipeline, both named
 * {@code weir_<pipeline>}: the publication lists the captured table, the slot keeps the WAL from
 * the last change the table committed on. Statements run on an ordinary (not a replication)
 * connection of the pipeline's user, in autocommit.
 */
final class ReplicationSlot {
    /** PostgreSQL's longest identifier. */
    private static final int MAX_NAME = 63;

    private final Connection connection;
    private final String name;

    ReplicationSlot(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** {@code weir_<pipeline>}, lower case, in PostgreSQL's limits for slot names ({@code [a-z0-9_]}, 63 characters). */
    static String nameOf(String pipeline) {
        String name = "weir_" + pipeline.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    String name() {
        return name;
    }

    /** Fails, saying what to change, unless the server decodes its WAL logically. */
    void checkLogicalDecoding() throws SQLException {
        String level = single("SHOW wal_level").orElse("");
        if (!level.equals("logical")) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "PostgreSQL has wal_level '" + level + "': change data capture needs 'logical'",
                    "set wal_level = logical in postgresql.conf (or ALTER SYSTEM SET wal_level = logical) and"
                            + " restart the server");
        }
    }

    /** Creates the publication of {@code table}, or points it at {@code table} when it lists another. */
    void publish(String schema, String table) throws SQLException {
        String qualified = quote(schema) + "." + quote(table);
        List<String> published = strings(
                "SELECT schemaname || '.' || tablename FROM pg_catalog.pg_publication_tables WHERE pubname = ?", name);
        boolean exists = single("SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = ?", name)
                .isPresent();
        try (Statement statement = connection.createStatement()) {
            if (!exists) {
                statement.execute("CREATE PUBLICATION " + quote(name) + " FOR TABLE " + qualified);
            } else if (!published.equals(List.of(schema + "." + table))) {
                statement.execute("ALTER PUBLICATION " + quote(name) + " SET TABLE " + qualified);
            }
        }
    }

    /** True when the slot exists. */
    boolean exists() throws SQLException {
        return single("SELECT 1 FROM pg_catalog.pg_replication_slots WHERE slot_name = ?", name)
                .isPresent();
    }

    /**
     * Waits until no connection streams from the slot: a run killed a moment ago leaves a WAL sender
     * that the server ends once it notices the connection gone.
     */
    void awaitInactive(Duration patience) throws SQLException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<String> pid = single(
                    "SELECT active_pid::text FROM pg_catalog.pg_replication_slots WHERE slot_name = ? AND active",
                    name);
            if (pid.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw WeirException.withHint(
                        ErrorCode.SOURCE_UNAVAILABLE,
                        "Replication slot " + name + " is in use by server process " + pid.get(),
                        "another process reads this pipeline's changes: stop it, or end that process with"
                                + " SELECT pg_terminate_backend(" + pid.get() + ")");
            }
            sleep(100);
        }
    }

    /**
     * Confirms the slot up to {@code lsn}: the server may recycle the WAL before it. Never moves it
     * back, and does nothing while a connection streams from the slot (the next run confirms it).
     */
    boolean confirm(long lsn) throws SQLException {
        OptionalLong confirmed = confirmedLsn();
        if (confirmed.isEmpty() || confirmed.getAsLong() >= lsn) {
            return false;
        }
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT pg_catalog.pg_replication_slot_advance(?, ?::pg_lsn)")) {
            statement.setString(1, name);
            statement.setString(2, Lsns.format(lsn));
            statement.execute();
            return true;
        } catch (SQLException e) {
            // 55006: the slot is active; a slot advanced by its own reader in the meantime is not an error
            if ("55006".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** The LSN the slot is confirmed up to; empty when there is no slot. */
    OptionalLong confirmedLsn() throws SQLException {
        return single("SELECT confirmed_flush_lsn::text FROM pg_catalog.pg_replication_slots WHERE slot_name = ?", name)
                .map(l -> OptionalLong.of(Lsns.parse(l)))
                .orElse(OptionalLong.empty());
    }

    /** The WAL written and flushed so far: a batch that reached it has every change committed before it began. */
    long flushedLsn() throws SQLException {
        return Lsns.parse(
                single("SELECT pg_catalog.pg_current_wal_flush_lsn()::text").orElseThrow());
    }

    /** The WAL position the server is writing at now. */
    long currentLsn() throws SQLException {
        return Lsns.parse(single("SELECT pg_catalog.pg_current_wal_lsn()::text").orElseThrow());
    }

    /** How far the server has sent the slot's WAL to the connection streaming from it; empty when none does. */
    OptionalLong sentLsn() throws SQLException {
        return single(
                        "SELECT r.sent_lsn::text FROM pg_catalog.pg_replication_slots s"
                                + " JOIN pg_catalog.pg_stat_replication r ON r.pid = s.active_pid"
                                + " WHERE s.slot_name = ? AND r.sent_lsn IS NOT NULL",
                        name)
                .map(l -> OptionalLong.of(Lsns.parse(l)))
                .orElse(OptionalLong.empty());
    }

    /** Drops the slot and the publication; returns what was dropped, for people. */
    List<String> drop() throws SQLException {
        List<String> dropped = new ArrayList<>();
        if (exists()) {
            awaitInactive(Duration.ofSeconds(10));
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT pg_catalog.pg_drop_replication_slot(?)")) {
                statement.setString(1, name);
                statement.execute();
            }
            dropped.add("replication slot " + name);
        }
        if (single("SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = ?", name)
                .isPresent()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP PUBLICATION " + quote(name));
            }
            dropped.add("publication " + name);
        }
        return dropped;
    }

    /** Drops the slot only: a slot no committed position depends on is made again, with a fresh snapshot. */
    void dropSlot() throws SQLException {
        awaitInactive(Duration.ofSeconds(10));
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT pg_catalog.pg_drop_replication_slot(?)")) {
            statement.setString(1, name);
            statement.execute();
        }
    }

    /** Whether the table logs its whole old row on updates and deletes ({@code REPLICA IDENTITY FULL}). */
    boolean logsFullRows(String schema, String table) throws SQLException {
        return single(
                        "SELECT c.relreplident::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?",
                        schema,
                        table)
                .filter("f"::equals)
                .isPresent();
    }

    /** The table's primary key columns, in key order; empty when it has none. */
    List<String> primaryKey(String schema, String table) throws SQLException {
        return strings(
                "SELECT a.attname FROM pg_catalog.pg_index i"
                        + " JOIN pg_catalog.pg_class c ON c.oid = i.indrelid"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true"
                        + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum"
                        + " WHERE i.indisprimary AND n.nspname = ? AND c.relname = ? ORDER BY k.position",
                schema,
                table);
    }

    private Optional<String> single(String sql, String... parameters) throws SQLException {
        List<String> found = strings(sql, parameters);
        return found.isEmpty() ? Optional.empty() : Optional.ofNullable(found.get(0));
    }

    private List<String> strings(String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeirException(
                    ErrorCode.CANCELLED, "Cancelled while waiting for the replication slot", null, null, e);
        }
    }
}
