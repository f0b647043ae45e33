package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.MergeMode;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.CommitKind;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.KeyRange;
import dev.weir.core.spi.KeyedWrites;
import dev.weir.core.spi.LoadMetadata;
import dev.weir.core.spi.NewestVersions;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.TableStore;
import dev.weir.core.spi.VanishedRows;
import dev.weir.core.spi.WrittenDeleteFile;
import dev.weir.core.spi.WrittenFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a loaded relation's files for one load strategy and prepares the commit that publishes
 * them. Upserts touch only files that hold a changed key: files are first pruned on the key's
 * bounds by the table store, then probed for the batch's keys by the engine. Merge-on-read marks
 * the old rows deleted by position; copy-on-write rewrites their files without them. With
 * {@code sequence_by}, only each key's newest version in the batch is written, and only when it is
 * newer than the table's: the others are superseded, counted and not written.
 */
final class TableLoader {
    private static final Logger LOG = LoggerFactory.getLogger(TableLoader.class);
    private static final String DELETES = "__weir_deletes";
    private static final String UPSERTS = "__weir_upserts";
    private static final String NEWEST = "__weir_newest";
    private static final String NEWER = "__weir_newer";
    private static final String KEYED = "__weir_keyed";
    private static final String SEQUENCED = "__weir_sequenced";
    private static final String WITH_METADATA = "__weir_with_metadata";
    private static final String REPLACED_KEYS = "__weir_replaced_keys";
    private static final String SOFT_DELETED = "__weir_soft_deleted";
    /** The relation of the rows set aside because a merge key is NULL; their check in the quarantine. */
    static final String NULL_KEYS = "__weir_null_keys";

    static final String MERGE_KEY_CHECK = "merge_key";
    /** The relation of the rows set aside because their sequence_by value is NULL; their check in the quarantine. */
    static final String NULL_SEQUENCE = "__weir_null_sequence";

    static final String SEQUENCE_CHECK = "sequence_by";

    private final TableStore store;
    private final EngineSession session;

    TableLoader(TableStore store, EngineSession session) {
        this.store = store;
        this.session = session;
    }

    /**
     * The files a load wrote and the change that publishes them (first phase); {@link #commit}
     * builds the atomic commit with the run's summary (second phase). Empty when nothing changes.
     * {@code rowsSuperseded} are the batch rows not written because a newer or equal version of
     * their key won, in the batch or in the table.
     */
    record Prepared(
            long rowsWritten,
            long filesRewritten,
            CommitKind kind,
            List<WrittenFile> added,
            List<DataFileRef> removed,
            List<WrittenDeleteFile> deletes,
            long rowsSuperseded) {
        static final Prepared NOTHING = superseded(0);

        /** A change that writes nothing because every row of the batch was superseded. */
        static Prepared superseded(long rows) {
            return new Prepared(0, 0, CommitKind.APPEND, List.of(), List.of(), List.of(), rows);
        }

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

    /**
     * Prepares the load of {@code relation}; {@code vanished}, the table's rows whose keys the
     * source no longer holds, are removed in the same change (see {@link DeleteReconciliation}), at
     * {@code runStart}.
     */
    Prepared prepare(
            LoadSpec load,
            RelationInfo relation,
            TableState table,
            String runId,
            Optional<DeleteReconciliation.Found> vanished,
            Instant runStart) {
        if (relation.rowCount() == 0 && vanished.isEmpty()) {
            return Prepared.NOTHING;
        }
        if (load.strategy() == LoadStrategy.SCD2) {
            return new HistoryLoad(this, session).prepare(load, relation, table, runId, vanished, runStart);
        }
        return load.strategy().needsMergeKeys()
                ? upsert(load, relation, table, runId, vanished, runStart)
                : writeAll(load, relation.name(), table, runId);
    }

    /**
     * The relation a load writes from: the batch itself, or for scd2 its rows as versions, with the
     * columns of the history table ({@code valid_from}, {@code valid_to}, {@code is_current}).
     */
    RelationInfo loaded(LoadSpec load, RelationInfo batch, Instant runStart) {
        return load.strategy() == LoadStrategy.SCD2
                ? new HistoryLoad(this, session).versions(load, batch, runStart)
                : batch;
    }

    /** The schema rows of {@code loaded} are written with: its columns, then {@code load.metadata_columns}. */
    static TableSchema withMetadata(LoadSpec load, TableSchema loaded) {
        List<Column> columns = new ArrayList<>(loaded.columns());
        load.metadataColumns().forEach(c -> columns.add(new Column(0, c.column(), c.icebergType(), false)));
        return new TableSchema(columns);
    }

    /**
     * The rows to write: those of {@code relation} with {@code load.metadata_columns} added, loaded at
     * {@code loadedAt} by run {@code runId} from {@code source} (the extract's connection).
     */
    RelationInfo withMetadata(LoadSpec load, RelationInfo relation, Instant loadedAt, String runId, String source) {
        if (load.metadataColumns().isEmpty()) {
            return relation;
        }
        return EngineCapabilities.require(session, LoadMetadata.class, "add load.metadata_columns")
                .withMetadata(WITH_METADATA, relation.name(), load.metadataColumns(), loadedAt, runId, source);
    }

    /**
     * Writes every row of {@code relation} for an append, truncate-reload or partition swap. The
     * relation may be read here for the first time (a batch staged lazily), so the rows written
     * are counted from the files.
     */
    Prepared writeAll(LoadSpec load, String relation, TableState table, String runId) {
        List<WrittenFile> files = session.write(relation, table, runId);
        long rows = files.stream().mapToLong(WrittenFile::recordCount).sum();
        return rows == 0 ? Prepared.NOTHING : new Prepared(rows, 0, kindOf(load), files, List.of(), List.of(), 0);
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

    private Prepared upsert(
            LoadSpec load,
            RelationInfo relation,
            TableState table,
            String runId,
            Optional<DeleteReconciliation.Found> vanished,
            Instant runStart) {
        new BatchKeys(session).check(load, relation);
        KeyedWrites keyed = EngineCapabilities.require(
                session, KeyedWrites.class, load.strategy().yamlName() + " into " + table.id());
        List<DataFileRef> candidates = candidates(load, relation, table);
        RelationInfo batch = load.sequenceBy().isPresent() ? newest(load, relation, table, candidates) : relation;
        long superseded = relation.rowCount() - batch.rowCount();
        if (batch.rowCount() == 0 && vanished.isEmpty()) {
            return Prepared.superseded(superseded);
        }
        String upserts = batch.name();
        long rowsToWrite = batch.rowCount();
        if (load.deleteWhen().isPresent()) {
            keyed.filter(DELETES, batch.name(), load.deleteWhen().get(), true);
            RelationInfo kept =
                    keyed.filter(UPSERTS, batch.name(), load.deleteWhen().get(), false);
            upserts = UPSERTS;
            rowsToWrite = kept.rowCount();
        }
        String replacedKeys = batch.name();
        if (vanished.isPresent()) {
            VanishedRows rows = vanishedRows(load);
            String gone = vanished.get().rows().name();
            replacedKeys = rows.keysOf(REPLACED_KEYS, load.mergeKeys(), List.of(batch.name(), gone))
                    .name();
            if (vanished.get().soft()) {
                upserts =
                        rows.softDeleted(SOFT_DELETED, upserts, gone, runStart).name();
                rowsToWrite += vanished.get().rows().rowCount();
            }
            candidates = allFiles(table);
        }
        return replaceKeys(load, replacedKeys, upserts, rowsToWrite, candidates, table, runId, superseded);
    }

    /** Every data file of {@code table}: the rows a reconciliation removes may be anywhere in it. */
    List<DataFileRef> allFiles(TableState table) {
        return store.dataFiles(table, Optional.empty());
    }

    VanishedRows vanishedRows(LoadSpec load) {
        return EngineCapabilities.require(session, VanishedRows.class, "reconcile deletes into " + load.target());
    }

    /**
     * Replaces the table's rows whose keys are in {@code keysRelation} by the rows of
     * {@code rowsRelation}: merge-on-read marks the old rows deleted by position, copy-on-write
     * rewrites their files without them.
     */
    Prepared replaceKeys(
            LoadSpec load,
            String keysRelation,
            String rowsRelation,
            long rowsToWrite,
            List<DataFileRef> candidates,
            TableState table,
            String runId,
            long superseded) {
        List<String> keys = load.mergeKeys();
        KeyedWrites keyed = keyed(load);
        if (load.mergeMode() == MergeMode.MERGE_ON_READ) {
            List<WrittenDeleteFile> deletes =
                    keyed.deleteRowsMatchingKeys(candidates, keysRelation, keys, table, runId);
            List<WrittenFile> added = session.write(rowsRelation, table, runId);
            if (added.isEmpty() && deletes.isEmpty()) {
                return Prepared.superseded(superseded);
            }
            return new Prepared(rowsToWrite, 0, CommitKind.ROW_DELTA, added, List.of(), deletes, superseded);
        }
        Set<String> matching =
                keyed.filesMatchingKeys(candidates, table.layout().schema(), keysRelation, keys);
        List<DataFileRef> touched =
                candidates.stream().filter(f -> matching.contains(f.path())).toList();
        List<WrittenFile> added = new ArrayList<>(keyed.rewriteWithout(touched, keysRelation, keys, table, runId));
        added.addAll(session.write(rowsRelation, table, runId));
        if (added.isEmpty() && touched.isEmpty()) {
            return Prepared.superseded(superseded);
        }
        return new Prepared(rowsToWrite, touched.size(), CommitKind.OVERWRITE, added, touched, List.of(), superseded);
    }

    /** The table's files that may hold a key of {@code relation}: pruned on the bounds of its first key. */
    List<DataFileRef> candidates(LoadSpec load, RelationInfo relation, TableState table) {
        Optional<KeyRange> range =
                session.range(relation.name(), load.mergeKeys().get(0));
        return table.snapshotId().isPresent() ? store.dataFiles(table, range) : List.of();
    }

    /**
     * The rows of {@code relation} that win: per key the newest version of the batch, when it is
     * newer than the table's row in {@code candidates} (the table's files that may hold the keys).
     */
    private RelationInfo newest(LoadSpec load, RelationInfo relation, TableState table, List<DataFileRef> candidates) {
        String sequence = load.sequenceBy().orElseThrow();
        NewestVersions versions = EngineCapabilities.require(
                session, NewestVersions.class, load.strategy().yamlName() + " by sequence_by into " + table.id());
        long tied = versions.tiedNewestRows(relation.name(), load.mergeKeys(), sequence);
        if (tied > 0) {
            throw WeirException.withHint(
                    ErrorCode.LOAD_REJECTED,
                    BatchKeys.cannot(load) + tied + " different rows of the batch share their merge key "
                            + load.mergeKeys() + " and its greatest sequence_by value (" + sequence
                            + "), so neither is the newest",
                    "give each version of a key its own " + sequence + " value, or drop the extra versions in a"
                            + " transform stage");
        }
        RelationInfo newest = versions.newestPerKey(NEWEST, relation.name(), load.mergeKeys(), sequence);
        RelationInfo newer = versions.newerThanTable(
                NEWER, newest.name(), candidates, table.layout().schema(), load.mergeKeys(), sequence);
        if (newer.rowCount() < relation.rowCount()) {
            LOG.info(
                    "{}: {} of {} batch rows superseded by a newer or equal version of their key ({} within the"
                            + " batch, {} by the table's rows); they are not written",
                    load.target(),
                    relation.rowCount() - newer.rowCount(),
                    relation.rowCount(),
                    relation.rowCount() - newest.rowCount(),
                    newest.rowCount() - newer.rowCount());
        }
        return newer;
    }

    /**
     * Splits off, for the quarantine, the rows of {@code relation} that cannot be matched or ordered:
     * a NULL merge key (relation {@link #NULL_KEYS}), or a NULL {@code sequence_by} value (relation
     * {@link #NULL_SEQUENCE}). Nothing for strategies without merge keys.
     */
    SetAside setAsideNulls(LoadSpec load, RelationInfo relation) {
        if (!load.strategy().needsMergeKeys()) {
            return new SetAside(relation, List.of(), 0);
        }
        BatchKeys.checkColumns(load, relation);
        List<String> rejected = new ArrayList<>();
        RelationInfo kept = relation;
        if (session.countAnyNull(kept.name(), load.mergeKeys()) > 0) {
            kept = keyed(load).splitOnNulls(KEYED, NULL_KEYS, kept.name(), load.mergeKeys(), MERGE_KEY_CHECK);
            rejected.add(NULL_KEYS);
        }
        if (load.sequenceBy().isPresent()
                && session.countAnyNull(kept.name(), List.of(load.sequenceBy().get())) > 0) {
            kept = keyed(load)
                    .splitOnNulls(
                            SEQUENCED,
                            NULL_SEQUENCE,
                            kept.name(),
                            List.of(load.sequenceBy().get()),
                            SEQUENCE_CHECK);
            rejected.add(NULL_SEQUENCE);
        }
        return new SetAside(kept, rejected, relation.rowCount() - kept.rowCount());
    }

    /** What {@link #setAsideNulls} kept, the relations of rows it set aside, and how many rows those hold. */
    record SetAside(RelationInfo kept, List<String> rejected, long rows) {
        SetAside {
            rejected = List.copyOf(rejected);
        }
    }

    private KeyedWrites keyed(LoadSpec load) {
        return EngineCapabilities.require(
                session,
                KeyedWrites.class,
                "set rows with NULL keys aside for " + load.strategy().yamlName());
    }
}
