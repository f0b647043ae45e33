package dev.weir.connectors.cdc;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Cancellation;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.RecordReader;
import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.RecordSink;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Reads one batch of a table's changes through Debezium's embedded engine, started for the batch
 * and stopped at its end. The batch ends only between transactions, so a table never shows part of
 * a source transaction: once it holds every transaction committed before the batch began (the WAL
 * flushed then), or {@code max_changes} changes, or after {@code max_batch_seconds}. The first
 * batch of a pipeline holds the table's whole snapshot. Nothing is acknowledged to the server here:
 * the source confirms the slot once the table has committed the batch's end.
 */
final class ChangeStream implements RecordReader {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PROBE_EVERY = Duration.ofMillis(200);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(30);

    private final Properties settings;
    private final CdcOptions options;
    private final List<Column> tableColumns;
    private final String slot;
    private final long target;
    private final SlotProbe probe;
    private final Cancellation cancellation;
    private final String origin;
    private final String heartbeatTopic;
    private final String transactionTopic;
    private final Function<String, String> redact;

    private long sequence;
    private Map<String, Object> endOffset;
    private long changes;

    /** What the batch is read against: the slot's progress on the server, while a WAL sender streams it. */
    interface SlotProbe {
        Optional<Long> sentLsn() throws SQLException;
    }

    ChangeStream(
            Properties settings,
            CdcOptions options,
            List<Column> tableColumns,
            String slot,
            Optional<CdcPosition> previous,
            long target,
            SlotProbe probe,
            Cancellation cancellation,
            Function<String, String> redact) {
        this.settings = settings;
        this.options = options;
        this.tableColumns = List.copyOf(tableColumns);
        this.slot = slot;
        this.target = target;
        this.probe = probe;
        this.cancellation = cancellation;
        this.redact = redact;
        this.origin = options.table();
        this.sequence = previous.map(CdcPosition::sequence).orElse(0L);
        this.endOffset = previous.map(CdcPosition::offset).orElse(null);
        String prefix = settings.getProperty("topic.prefix");
        this.heartbeatTopic = "__debezium-heartbeat." + prefix;
        this.transactionTopic = prefix + ".transaction";
    }

    /** The batch's columns: the table's, then what each change brings. */
    static List<Column> columns(List<Column> tableColumns, CdcOptions options) {
        List<Column> columns = new ArrayList<>();
        // a delete brings only its key (unless the table logs full rows): no other column can be required
        tableColumns.forEach(c -> columns.add(new Column(0, c.name(), c.type(), false)));
        columns.add(new Column(0, ChangeColumn.OPERATION, "string", true));
        columns.add(new Column(0, ChangeColumn.SEQUENCE, "long", true));
        options.changeColumns().forEach(c -> columns.add(c.column()));
        if (options.softDeletes()) {
            columns.add(new Column(0, ChangeColumn.DELETED_AT, "timestamptz", false));
        }
        return columns;
    }

    /** Where the batch ended; the position it began at when it read nothing. */
    Optional<CdcPosition> reached() {
        return Optional.ofNullable(endOffset).map(o -> new CdcPosition(slot, sequence, o));
    }

    long changes() {
        return changes;
    }

    @Override
    public void read(RecordSink sink) {
        BlockingQueue<List<SourceRecord>> queue = new ArrayBlockingQueue<>(4);
        AtomicReference<Stopped> stopped = new AtomicReference<>();
        AtomicBoolean closing = new AtomicBoolean();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> engine = DebeziumEngine.create(
                        ChangeEventFormat.of(Connect.class))
                .using(settings)
                .notifying((records, committer) -> {
                    List<SourceRecord> batch =
                            records.stream().map(RecordChangeEvent::record).toList();
                    // once the batch has ended nobody takes more: the engine must not wait on a full queue to stop
                    while (!closing.get() && !queue.offer(batch, POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                        Thread.onSpinWait();
                    }
                })
                .using((success, message, error) -> stopped.compareAndSet(null, new Stopped(success, message, error)))
                .build();
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "weir-cdc-" + slot);
            thread.setDaemon(true);
            return thread;
        });
        runner.execute(engine);
        try {
            consume(sink, queue, stopped);
        } finally {
            closing.set(true);
            stop(engine, runner);
        }
    }

    private void consume(RecordSink sink, BlockingQueue<List<SourceRecord>> queue, AtomicReference<Stopped> stopped) {
        long deadline = System.nanoTime() + options.maxBatchTime().toNanos();
        long nextProbe = 0;
        long caughtUpAt = Long.MAX_VALUE;
        boolean inTransaction = false;
        while (true) {
            cancellation.check();
            List<SourceRecord> records = poll(queue);
            if (records == null && stopped.get() != null) {
                throw stopped.get().failure(options.table(), redact);
            }
            for (SourceRecord record : records == null ? List.<SourceRecord>of() : records) {
                if (record.topic().equals(heartbeatTopic)) {
                    if (!inTransaction) {
                        endOffset = offset(record);
                        long at = ((Struct) record.value()).getInt64("ts_ms");
                        if (at > caughtUpAt || System.nanoTime() > deadline) {
                            return;
                        }
                    }
                } else if (record.topic().equals(transactionTopic)) {
                    Struct value = (Struct) record.value();
                    inTransaction = value.getString("status").equals("BEGIN");
                    if (!inTransaction) {
                        endOffset = offset(record);
                        long committed = ((Number) record.sourceOffset().get("lsn_commit")).longValue();
                        if (committed >= target || changes >= options.maxChanges() || System.nanoTime() > deadline) {
                            return;
                        }
                    }
                } else if (record.value() instanceof Struct change) {
                    apply(sink, change);
                }
            }
            // changes before the slot began are in its snapshot, so the probe holds from the start
            if (!inTransaction && caughtUpAt == Long.MAX_VALUE && System.nanoTime() > nextProbe) {
                nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
                if (probe().filter(sent -> sent >= target).isPresent()) {
                    // a heartbeat sent after this moment follows every change the server had sent by now
                    caughtUpAt = System.currentTimeMillis();
                }
            }
        }
    }

    private void apply(RecordSink sink, Struct change) {
        sequence++;
        changes++;
        String op = change.getString("op");
        boolean delete = op.equals("d");
        Struct row = delete ? change.getStruct("before") : change.getStruct("after");
        Struct source = change.getStruct("source");
        Object[] values =
                new Object[tableColumns.size() + 2 + options.changeColumns().size() + (options.softDeletes() ? 1 : 0)];
        try {
            for (int i = 0; i < tableColumns.size(); i++) {
                Column column = tableColumns.get(i);
                Field field = row == null ? null : row.schema().field(column.name());
                values[i] = field == null
                        ? null
                        : ChangeValues.convert(row.get(field), field.schema(), column.type(), column.name());
            }
        } catch (ChangeValues.Unfit unfit) {
            sink.reject(new RecordReject(
                    unfit.reason(), unfit.getMessage(), String.valueOf(change), origin + ":" + sequence));
            return;
        }
        int next = tableColumns.size();
        values[next++] = operation(op);
        values[next++] = sequence;
        for (ChangeColumn column : options.changeColumns()) {
            values[next++] = switch (column) {
                case LSN -> source.getInt64("lsn");
                case COMMIT_TIME -> commitTime(source);
                case TRANSACTION_ID -> source.getInt64("txId");
            };
        }
        if (options.softDeletes()) {
            values[next] = delete ? commitTime(source) : null;
        }
        sink.row(values, origin, sequence);
    }

    private static String operation(String op) {
        return switch (op) {
            case "r" -> "snapshot";
            case "c" -> "insert";
            case "u" -> "update";
            case "d" -> ChangeColumn.DELETE;
            default -> op;
        };
    }

    private static OffsetDateTime commitTime(Struct source) {
        Field micros = source.schema().field("ts_us");
        long us = micros != null && source.get(micros) != null
                ? source.getInt64("ts_us")
                : source.getInt64("ts_ms") * 1_000L;
        return OffsetDateTime.ofInstant(
                java.time.Instant.EPOCH.plus(us, java.time.temporal.ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static Map<String, Object> offset(SourceRecord record) {
        return new HashMap<>(record.sourceOffset());
    }

    private Optional<Long> probe() {
        try {
            return probe.sentLsn();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static List<SourceRecord> poll(BlockingQueue<List<SourceRecord>> queue) {
        try {
            return queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeirException(ErrorCode.CANCELLED, "Cancelled while reading changes", null, null, e);
        }
    }

    /** Stops the engine with the thread's interrupt set aside, so that a cancelled run still stops it cleanly. */
    private static void stop(DebeziumEngine<?> engine, ExecutorService runner) {
        try {
            Cancellation.closingAside(() -> {
                engine.close();
                runner.shutdown();
                runner.awaitTermination(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            });
        } catch (IOException e) {
            throw new WeirException(ErrorCode.SOURCE_FAILED, "Cannot stop reading changes: " + e.getMessage());
        }
    }

    /** How the engine ended, when it ended before the batch did. */
    private record Stopped(boolean success, String message, Throwable error) {
        WeirException failure(String table, Function<String, String> redact) {
            Throwable cause = error;
            while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String why = cause == null ? message : cause.getMessage();
            return WeirException.withHint(
                    ErrorCode.SOURCE_UNAVAILABLE,
                    "Reading the changes of " + table + " stopped: " + redact.apply(String.valueOf(why)),
                    "check that the database is reachable and that the pipeline's user may replicate"
                            + " (REPLICATION or superuser) and read the table");
        }
    }
}
