package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks a keyed load (upsert, merge, scd2) makes of its batch before it writes: every merge
 * key and sequence_by column loaded, no NULL key, no two rows of one key unless sequenced.
 */
final class BatchKeys {
    private final EngineSession session;

    BatchKeys(EngineSession session) {
        this.session = session;
    }

    /** Fails the load on a NULL merge key, on rows sharing a key (unless versions are sequenced), or on a NULL sequence value. */
    void check(LoadSpec load, RelationInfo relation) {
        checkColumns(load, relation);
        long nullKeys = session.countAnyNull(relation.name(), load.mergeKeys());
        if (nullKeys > 0) {
            throw WeirException.withHint(
                    ErrorCode.LOAD_REJECTED,
                    cannot(load) + nullKeys + " rows of the batch have a NULL merge key " + load.mergeKeys(),
                    "filter or fill them in a transform stage (a row without a key cannot be matched on rerun),"
                            + " or set error_handling.strategy: dead-letter to quarantine them and load the rest");
        }
        if (load.sequenceBy().isPresent() || load.strategy() == LoadStrategy.SCD2) {
            checkSequence(load, relation);
            return;
        }
        long duplicates = session.duplicateKeyRows(relation.name(), load.mergeKeys());
        if (duplicates > 0) {
            throw WeirException.withHint(
                    ErrorCode.LOAD_REJECTED,
                    cannot(load) + duplicates + " rows of the batch share their merge key " + load.mergeKeys()
                            + " with another row",
                    "set load.sequence_by to the column that orders a key's versions, or deduplicate in a transform"
                            + " stage, e.g. QUALIFY row_number() OVER (PARTITION BY "
                            + String.join(", ", load.mergeKeys()) + " ORDER BY updated_at DESC) = 1");
        }
    }

    /** A keyed load whose rows are versions (sequence_by, or scd2): none may lack its sequence value. */
    private void checkSequence(LoadSpec load, RelationInfo relation) {
        if (load.sequenceBy().isEmpty()) {
            return;
        }
        String sequence = load.sequenceBy().get();
        long nullSequence = session.countAnyNull(relation.name(), List.of(sequence));
        if (nullSequence > 0) {
            throw WeirException.withHint(
                    ErrorCode.LOAD_REJECTED,
                    cannot(load) + nullSequence + " rows of the batch have a NULL sequence_by value (" + sequence + ")",
                    "fill it in a transform stage (a version without a sequence value cannot be ordered), or set"
                            + " error_handling.strategy: dead-letter to quarantine them and load the rest");
        }
    }

    static void checkColumns(LoadSpec load, RelationInfo relation) {
        List<String> columns = new ArrayList<>(load.mergeKeys());
        load.sequenceBy().ifPresent(columns::add);
        for (String column : columns) {
            if (relation.schema().column(column).isEmpty()) {
                boolean key = load.mergeKeys().contains(column);
                throw WeirException.withHint(
                        ErrorCode.LOAD_REJECTED,
                        cannot(load) + (key ? "merge key '" : "sequence_by column '") + column
                                + "' is not a loaded column",
                        "select it in the last transform stage or fix load." + (key ? "merge_keys" : "sequence_by"));
            }
        }
    }

    static String cannot(LoadSpec load) {
        return "Cannot " + load.strategy().yamlName() + " into " + load.target() + ": ";
    }
}
