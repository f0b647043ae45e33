package dev.weir.connectors.cdc;

import dev.weir.connectors.jdbc.ProjectDatabase;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.BatchEnd;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.Lag;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.SourceContext;
import dev.weir.core.spi.SourceLag;
import dev.weir.core.spi.SourceProbe;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes of one PostgreSQL table, read from the pipeline's own replication slot past the
 * position the Iceberg table committed. The slot is confirmed to the server only up to a position
 * the table has committed, so the server keeps the WAL of every change not yet in the table, and a
 * run killed at any point reads the same changes again.
 */
final class PostgresCdcSource implements Source, SourceProbe, SourceLag {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCdcSource.class);
    /** A WAL sender of a run killed a moment ago lives until the server notices its connection gone. */
    private static final Duration SLOT_PATIENCE = Duration.ofSeconds(30);

    private final CdcOptions options;
    private final SourceContext context;
    private final ProjectDatabase database;
    private final String slotName;
    private Connection admin;

    PostgresCdcSource(CdcOptions options, SourceContext context) {
        this.options = options;
        this.context = context;
        this.database = new ProjectDatabase(options.connection(), context);
        this.slotName = ReplicationSlot.nameOf(context.pipeline());
    }

    @Override
    public SourceBatch open(Optional<Position> previous) {
        context.cancellation().check();
        Optional<CdcPosition> committed = CdcPosition.of(previous);
        try {
            ReplicationSlot slot = connect();
            List<Column> columns = tableColumns(slot);
            slot.publish(options.schema(), options.tableName());
            slot.awaitInactive(SLOT_PATIENCE);
            if (committed.isPresent()) {
                resume(slot, committed.get());
            } else if (slot.exists()) {
                // no change of this slot is in the table: a new slot gives a consistent snapshot
                slot.dropSlot();
            }
            long target = slot.flushedLsn();
            ChangeStream stream = new ChangeStream(
                    engineSettings(committed),
                    options,
                    columns,
                    slotName,
                    committed,
                    target,
                    () -> boxed(slot.sentLsn()),
                    context.cancellation(),
                    database::redact);
            Batch batch =
                    new Batch.Records(ChangeStream.columns(columns, options), stream, "changes of " + options.table());
            BatchEnd end =
                    staged -> stream.reached().map(CdcPosition::toPosition).or(() -> previous);
            return new SourceBatch(batch, Optional.empty(), end, false);
        } catch (SQLException e) {
            throw database.failure("Cannot prepare the changes of " + options.table(), e);
        }
    }

    @Override
    public void probe() {
        try {
            tableColumns(connect());
        } catch (SQLException e) {
            throw database.failure("Cannot read " + options.table(), e);
        }
    }

    /**
     * The WAL the server has written past the table's position, in bytes: what the slot keeps for
     * this pipeline and a next batch would read through (changes of other tables included).
     */
    @Override
    public Lag lag(Optional<Position> committed, Duration timeout) {
        try (Connection connection = database.open(timeout)) {
            connection.setAutoCommit(true);
            long head = new ReplicationSlot(connection, slotName).currentLsn();
            long applied =
                    CdcPosition.of(committed).map(CdcPosition::confirmable).orElse(0L);
            long behind = Math.max(0, head - applied);
            return new Lag("lsn " + Lsns.format(head), behind, "bytes", Lsns.walBytes(behind));
        } catch (SQLException e) {
            throw database.failure(
                    "Cannot read the WAL position of " + options.connection().name(), e);
        }
    }

    /** Confirms the slot up to the committed end: the WAL before it is no longer needed. */
    @Override
    public void committed(Position end) {
        Optional<CdcPosition> position = CdcPosition.of(Optional.of(end));
        if (position.isEmpty() || admin == null) {
            return;
        }
        try {
            ReplicationSlot slot = new ReplicationSlot(admin, slotName);
            slot.awaitInactive(Duration.ofSeconds(5));
            slot.confirm(position.get().confirmable());
        } catch (SQLException e) {
            throw database.failure("Cannot confirm replication slot " + slotName, e);
        }
    }

    @Override
    public void close() {
        try {
            if (admin != null) {
                admin.close();
            }
        } catch (SQLException e) {
            LOG.debug("Closing the connection of {} failed: {}", slotName, e.getMessage());
        } finally {
            database.close();
        }
    }

    private ReplicationSlot connect() throws SQLException {
        if (admin == null) {
            admin = database.open();
            admin.setAutoCommit(true);
        }
        ReplicationSlot slot = new ReplicationSlot(admin, slotName);
        slot.checkLogicalDecoding();
        return slot;
    }

    private List<Column> tableColumns(ReplicationSlot slot) throws SQLException {
        List<String> key = slot.primaryKey(options.schema(), options.tableName());
        List<Column> columns = database.columns(admin, quoted());
        if (key.isEmpty()) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "Table " + options.table() + " has no primary key: its changes cannot be applied by key",
                    "add one (ALTER TABLE " + options.table() + " ADD PRIMARY KEY (...)); Weir merges each change"
                            + " on it");
        }
        if (options.softDeletes() && !slot.logsFullRows(options.schema(), options.tableName())) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "Soft deletes keep a deleted row's last values, which " + options.table()
                            + " does not log: its replica identity is not FULL",
                    "run ALTER TABLE " + options.table() + " REPLICA IDENTITY FULL, or remove 'deletes: soft'");
        }
        return columns;
    }

    /** Checks that the slot still holds the committed position's WAL, and confirms what the table has. */
    private void resume(ReplicationSlot slot, CdcPosition committed) throws SQLException {
        if (!committed.slot().equals(slotName)) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "The table's position was read from replication slot " + committed.slot() + ", not " + slotName
                            + " of this pipeline",
                    "a renamed pipeline has a new slot: load its changes into a new table, or rename it back");
        }
        OptionalLong confirmed = slot.confirmedLsn();
        if (confirmed.isEmpty()) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "Replication slot " + slotName + " is gone: the changes after "
                            + committed.toPosition().display()
                            + " that the table has not applied can no longer be read",
                    "the slot was dropped (weir cdc drop, or by hand): load the table again from a new snapshot,"
                            + " into a new table or after dropping this one");
        }
        if (confirmed.getAsLong() > committed.confirmable()) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "Replication slot " + slotName + " is confirmed up to " + Lsns.format(confirmed.getAsLong())
                            + ", past the table's position "
                            + committed.toPosition().display()
                            + ": the server no longer keeps the changes in between, so the table would miss them",
                    "the table was rolled back or restored, or the slot advanced by hand: load the table again from a"
                            + " new snapshot (weir cdc drop " + context.pipeline() + ", then run it into a new or"
                            + " emptied table)");
        }
        if (slot.confirm(committed.confirmable())) {
            LOG.info(
                    "Pipeline {}: confirmed slot {} up to {} (the table's position)",
                    context.pipeline(),
                    slotName,
                    Lsns.format(committed.confirmable()));
        }
    }

    private Properties engineSettings(Optional<CdcPosition> committed) {
        PostgresAddress address = PostgresAddress.of(database.url())
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.SOURCE_FAILED,
                        "Connection '" + options.connection().name() + "' is not a PostgreSQL URL of one host",
                        "change data capture connects to one server: write the url as"
                                + " jdbc:postgresql://host:5432/database in "
                                + options.connection().file()));
        Properties settings = new Properties();
        settings.setProperty("name", "weir-" + context.pipeline());
        settings.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        settings.setProperty("offset.storage", TablePositionStore.class.getName());
        committed.ifPresent(c -> settings.setProperty(TablePositionStore.OFFSET, c.resumeOffsetJson()));
        settings.setProperty("offset.flush.interval.ms", "3600000");
        settings.setProperty("topic.prefix", "weir");
        settings.setProperty("database.hostname", address.host());
        settings.setProperty("database.port", Integer.toString(address.port()));
        settings.setProperty("database.dbname", address.database());
        database.user().ifPresent(u -> settings.setProperty("database.user", u));
        database.password().ifPresent(p -> settings.setProperty("database.password", p));
        address.parameters().forEach((k, v) -> settings.setProperty("database." + k, v));
        options.connection().properties().forEach((k, v) -> settings.setProperty("database." + k, v));
        settings.setProperty("plugin.name", "pgoutput");
        settings.setProperty("slot.name", slotName);
        settings.setProperty("publication.name", slotName);
        settings.setProperty("publication.autocreate.mode", "disabled");
        settings.setProperty(
                "table.include.list", Pattern.quote(options.schema()) + "\\." + Pattern.quote(options.tableName()));
        settings.setProperty("snapshot.mode", "initial");
        // the slot is confirmed by Weir, after the table committed: never by Debezium as it reads
        settings.setProperty("lsn.flush.mode", "manual");
        settings.setProperty("provide.transaction.metadata", "true");
        // an idle stream says so every 100 ms: a batch that has read everything ends that soon after
        settings.setProperty("heartbeat.interval.ms", "100");
        settings.setProperty("poll.interval.ms", "50");
        settings.setProperty("decimal.handling.mode", "string");
        settings.setProperty("time.precision.mode", "adaptive_time_microseconds");
        settings.setProperty("binary.handling.mode", "bytes");
        settings.setProperty("tombstones.on.delete", "false");
        settings.setProperty("errors.max.retries", "0");
        settings.setProperty("slot.max.retries", "3");
        settings.setProperty("slot.retry.delay.ms", "1000");
        settings.setProperty("max.batch.size", "4096");
        settings.setProperty("max.queue.size", "16384");
        return settings;
    }

    private String quoted() {
        return ReplicationSlot.quote(options.schema()) + "." + ReplicationSlot.quote(options.tableName());
    }

    private static Optional<Long> boxed(OptionalLong value) {
        return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
    }
}
