package dev.weir.connectors.cdc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;

/**
 * Debezium's offset store, read from the Iceberg table: it hands the connector the offset the
 * table's last snapshot committed ({@link #OFFSET}, set by Weir in the engine's settings) and keeps
 * nothing the engine writes. Weir takes each batch's end offset from the records it applied and
 * commits it with them, so the only offsets that count are the table's.
 */
public final class TablePositionStore implements OffsetBackingStore {
    /** The engine setting holding the committed offset as JSON; absent before the first commit. */
    static final String OFFSET = "weir.committed.offset";

    private ByteBuffer committed;

    @Override
    public void configure(WorkerConfig config) {
        Object offset = config.originals().get(OFFSET);
        committed = offset == null ? null : ByteBuffer.wrap(offset.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void start() {}

    @Override
    public void stop() {}

    /** The connector reads the offset of its one partition (the database): every key gets the table's. */
    @Override
    public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        Map<ByteBuffer, ByteBuffer> found = new HashMap<>();
        if (committed != null) {
            keys.forEach(k -> found.put(k, committed.duplicate()));
        }
        return CompletableFuture.completedFuture(found);
    }

    @Override
    public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        if (callback != null) {
            callback.onCompletion(null, null);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }
}
