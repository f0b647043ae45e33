package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.MergeMode;
import dev.weir.core.spi.CommitKind;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.KeyRange;
import dev.weir.core.spi.KeyedWrites;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.TableStore;
import dev.weir.core.spi.WrittenDeleteFile;
import dev.weir.core.spi.WrittenFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a loaded relation's files for one load strategy and prepares the commit that publishes
 * them. Upserts touch only files that hold a changed key: files are first pruned on the key's
 * bounds by the table store, then probed for the batch's keys by the engine. Merge-on-read marks
 * the old rows deleted by position; copy-on-write rewrites their files without them.
 */
final class TableLoader {
    private static final String DELETES = "__weir_deletes";
    private static final String UPSERTS = "__weir_upserts";

    private final TableStore store;
    private final EngineSession session;

    TableLoader(TableStore store, EngineSession session) {
        this.store = store;
        this.session = session;
    }

    /**
     * The files a load wrote and the change that publishes them (first phase); {@link #commit}
     * builds the atomic commit with the run's summary (second phase). Empty when nothing changes.
     */
    record Prepared(
            long rowsWritten,
            long filesRewritten,
            CommitKind kind,
            List<WrittenFile> added,
            List<DataFileRef> removed,
            List<WrittenDeleteFile> deletes) {
        static final Prepared NOTHING = new Prepared(0, 0, CommitKind.APPEND, List.of(), List.of(), List.of());

        boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && deletes.isEmpty();
        }

        /** Rows the change marks deleted by position, 0 for copy-on-write. */
        long rowsDeleted() {
            return deletes.stream().mapToLong(WrittenDeleteFile::newPositions).sum();
        }

        TableCommit commit(TableState table, Map<String, String> summary) {
            return new TableCommit(table.id(), table.snapshotId(), kind, added, removed, deletes, summary);
        }
    }

    Prepared prepare(LoadSpec load, RelationInfo relation, TableState table, String runId) {
        if (relation.rowCount() == 0) {
            return Prepared.NOTHING;
        }
        return load.strategy().needsMergeKeys()
                ? upsert(load, relation, table, runId)
                : writeAll(load, relation.name(), table, runId);
    }

    /**
     * Writes every row of {@code relation} for an append, truncate-reload or partition swap. The
     * relation may be read here for the first time (a batch staged lazily), so the rows written
     * are counted from the files.
     */
    Prepared writeAll(LoadSpec load, String relation, TableState table, String runId) {
        List<WrittenFile> files = session.write(relation, table, runId);
        long rows = files.stream().mapToLong(WrittenFile::recordCount).sum();
        return rows == 0 ? Prepared.NOTHING : new Prepared(rows, 0, kindOf(load), files, List.of(), List.of());
    }

    private static CommitKind kindOf(LoadSpec load) {
        switch (load.strategy()) {
            case APPEND:
                return CommitKind.APPEND;
            case TRUNCATE_RELOAD:
                return CommitKind.REPLACE_ALL;
            case PARTITION_SWAP:
                return CommitKind.REPLACE_PARTITIONS;
            default:
                throw new IllegalStateException(load.strategy() + " is not a whole-batch write");
        }
    }

    private Prepared upsert(LoadSpec load, RelationInfo relation, TableState table, String runId) {
        List<String> keys = load.mergeKeys();
        checkKeys(load, relation);
        KeyedWrites keyed = EngineCapabilities.require(
                session, KeyedWrites.class, load.strategy().yamlName() + " into " + table.id());
        String upserts = relation.name();
        long rowsToWrite = relation.rowCount();
        if (load.deleteWhen().isPresent()) {
            keyed.filter(DELETES, relation.name(), load.deleteWhen().get(), true);
            RelationInfo kept =
                    keyed.filter(UPSERTS, relation.name(), load.deleteWhen().get(), false);
            upserts = UPSERTS;
            rowsToWrite = kept.rowCount();
        }
        Optional<KeyRange> range = session.range(relation.name(), keys.get(0));
        List<DataFileRef> candidates = table.snapshotId().isPresent() ? store.dataFiles(table, range) : List.of();
        if (load.mergeMode() == MergeMode.MERGE_ON_READ) {
            List<WrittenDeleteFile> deletes =
                    keyed.deleteRowsMatchingKeys(candidates, relation.name(), keys, table, runId);
            List<WrittenFile> added = session.write(upserts, table, runId);
            if (added.isEmpty() && deletes.isEmpty()) {
                return Prepared.NOTHING;
            }
            return new Prepared(rowsToWrite, 0, CommitKind.ROW_DELTA, added, List.of(), deletes);
        }
        Set<String> matching =
                keyed.filesMatchingKeys(candidates, table.layout().schema(), relation.name(), keys);
        List<DataFileRef> touched =
                candidates.stream().filter(f -> matching.contains(f.path())).toList();
        List<WrittenFile> added = new ArrayList<>(keyed.rewriteWithout(touched, relation.name(), keys, table, runId));
        added.addAll(session.write(upserts, table, runId));
        if (added.isEmpty() && touched.isEmpty()) {
            return Prepared.NOTHING;
        }
        return new Prepared(rowsToWrite, touched.size(), CommitKind.OVERWRITE, added, touched, List.of());
    }

    private void checkKeys(LoadSpec load, RelationInfo relation) {
        for (String key : load.mergeKeys()) {
            if (relation.schema().column(key).isEmpty()) {
                throw WeirException.withHint(
                        ErrorCode.LOAD_REJECTED,
                        "Cannot " + load.strategy().yamlName() + " into " + load.target() + ": merge key '" + key
                                + "' is not a loaded column",
                        "select it in the last transform stage or fix load.merge_keys");
            }
        }
        long nullKeys = session.countAnyNull(relation.name(), load.mergeKeys());
        if (nullKeys > 0) {
            throw WeirException.withHint(
                    ErrorCode.LOAD_REJECTED,
                    "Cannot " + load.strategy().yamlName() + " into " + load.target() + ": " + nullKeys
                            + " rows of the batch have a NULL merge key " + load.mergeKeys(),
                    "filter or fill them in a transform stage (a row without a key cannot be matched on rerun)");
        }
        long duplicates = session.duplicateKeyRows(relation.name(), load.mergeKeys());
        if (duplicates > 0) {
            throw WeirException.withHint(
                    ErrorCode.LOAD_REJECTED,
                    "Cannot " + load.strategy().yamlName() + " into " + load.target() + ": " + duplicates
                            + " rows of the batch share their merge key " + load.mergeKeys() + " with another row",
                    "deduplicate in a transform stage, e.g. QUALIFY row_number() OVER (PARTITION BY "
                            + String.join(", ", load.mergeKeys()) + " ORDER BY updated_at DESC) = 1");
        }
    }
}
