package dev.weir.connectors.cdc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.core.spi.Position;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a pipeline has applied its table's changes, committed in the Iceberg snapshot with the
 * rows: the replication slot read, Debezium's offset after the last transaction applied (opaque to
 * Weir but for its LSNs), and the sequence number of the last change.
 */
record CdcPosition(String slot, long sequence, Map<String, Object> offset) {
    static final String KIND = "postgres-cdc";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMMIT_LSN = "lsn_commit";
    private static final String PROCESSED_LSN = "lsn_proc";
    private static final String LSN = "lsn";
    private static final String MESSAGE_TYPE = "messageType";
    private static final String TRANSACTION_PREFIX = "transaction_";

    CdcPosition {
        Objects.requireNonNull(slot, "slot is null");
        offset = new LinkedHashMap<>(offset);
    }

    /** The position a run of this source committed, if {@code previous} is one. */
    static Optional<CdcPosition> of(Optional<Position> previous) {
        return previous.filter(p -> p.kind().equals(KIND)).map(p -> parse(p.state()));
    }

    private static CdcPosition parse(String state) {
        try {
            Map<String, Object> read = JSON.readValue(state, new TypeReference<>() {});
            @SuppressWarnings("unchecked")
            Map<String, Object> offset = (Map<String, Object>) read.get("offset");
            return new CdcPosition((String) read.get("slot"), ((Number) read.get("sequence")).longValue(), offset);
        } catch (JsonProcessingException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("Not a CDC position: " + state, e);
        }
    }

    Position toPosition() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("slot", slot);
        state.put("sequence", sequence);
        state.put("offset", offset);
        try {
            return new Position(KIND, JSON.writeValueAsString(state), "lsn " + Lsns.format(confirmable()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The offset Debezium's offset store hands back, as a JSON object: Debezium's own, reduced to a
     * plain start position at {@link #confirmable()}. Without a last processed change and commit
     * Debezium streams from exactly there instead of searching the WAL for its place (a search that
     * skips messages it believes it has seen), and without the transaction in progress it starts
     * every transaction afresh. The server sends every transaction that commits after that LSN,
     * which are exactly the ones the table does not have.
     */
    String resumeOffsetJson() {
        Map<String, Object> resume = new LinkedHashMap<>(offset);
        resume.keySet()
                .removeIf(k -> k.equals(COMMIT_LSN)
                        || k.equals(PROCESSED_LSN)
                        || k.equals(MESSAGE_TYPE)
                        || k.startsWith(TRANSACTION_PREFIX));
        resume.put(LSN, confirmable());
        try {
            return JSON.writeValueAsString(resume);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The LSN the slot may be confirmed up to: the commit of the last transaction applied, which
     * is what Debezium itself would flush; the WAL from there on is still needed to resume.
     */
    long confirmable() {
        for (String key : new String[] {COMMIT_LSN, PROCESSED_LSN, LSN}) {
            if (offset.get(key) instanceof Number lsn) {
                return lsn.longValue();
            }
        }
        return 0;
    }
}
