package dev.weir.core.run;

import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.CommitKind;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.TableStore;
import dev.weir.core.spi.VanishedRows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Loads a relation into its table as a run does, for the engine contract suite: {@link TargetTable}
 * finds the table (creating it on the first load, evolving it by the non-breaking schema changes),
 * {@link TableLoader} writes the load strategy's files through the engine, and the change is
 * committed; and commits rejected rows into a table's quarantine as {@link Quarantine} does. It sits
 * in core's package because those classes are package-private; it is the only class of the suite
 * that does, so a change of their signatures breaks this file alone.
 */
public final class EngineContractLoads {
    private static final String PIPELINE = "engine-contract";

    private final TableStore store;

    public EngineContractLoads(TableStore store) {
        this.store = Objects.requireNonNull(store, "store is null");
    }

    /**
     * What one load did. {@code snapshotId} is empty when the load changed nothing (and so
     * committed nothing); {@code rowsSuperseded} are the batch rows not written because a newer or
     * equal version of their key won ({@code load.sequence_by}).
     */
    public record Result(
            OptionalLong snapshotId,
            CommitKind kind,
            long rowsWritten,
            long rowsDeleted,
            long filesRewritten,
            int filesAdded,
            int deleteFilesAdded,
            long rowsSuperseded) {}

    /**
     * Loads {@code relation} into {@code load.target()} by {@code load}'s strategy and commits it as
     * run {@code runId}; {@code contract}, when given, is the table's contract (its
     * {@code renamed_from} columns rename table columns).
     *
     * @throws dev.weir.core.error.WeirException as a run's load would: {@code SCHEMA_DRIFT},
     *     {@code LOAD_REJECTED}, {@code COMMIT_FAILED}
     */
    public Result load(
            EngineSession session,
            LoadSpec load,
            RelationInfo relation,
            Optional<ContractSpec> contract,
            String runId) {
        TableLoader loader = new TableLoader(store, session);
        RelationInfo loaded = loader.loaded(load, relation, Instant.now());
        TargetTable.Drift drift = TargetTable.drift(store, load, loaded.schema(), contract, session::tableType);
        TableState table = TargetTable.resolve(store, load, loaded.schema(), drift);
        return commit(table, loader.prepare(load, loaded, table, runId, Optional.empty(), Instant.now()), runId);
    }

    /**
     * Loads {@code relation} as a run whose deletes are reconciled does: the table's rows whose keys
     * are in neither {@code liveKeys} (the source's, staged here) nor the batch are removed in the
     * same commit, marked in {@code _deleted_at} when {@code soft}, at {@code at}.
     *
     * @return what the load did, and how many rows it found gone
     */
    public Reconciled loadReconciling(
            EngineSession session,
            LoadSpec load,
            RelationInfo relation,
            Batch.Records liveKeys,
            boolean soft,
            Instant at,
            String runId) {
        VanishedRows engine = EngineCapabilities.require(session, VanishedRows.class, "reconcile deletes");
        TableLoader loader = new TableLoader(store, session);
        RelationInfo loaded = loader.loaded(load, relation, at);
        if (soft) {
            loaded = engine.withDeletedAt("__contract_with_deleted_at", loaded.name());
        }
        TableSchema schema = loaded.schema();
        TargetTable.Drift drift = TargetTable.drift(store, load, schema, Optional.empty(), session::tableType);
        TableState table = TargetTable.resolve(store, load, schema, drift);
        RelationInfo live = engine.stageKeys("__contract_live_keys", liveKeys, load.mergeKeys());
        VanishedRows.Vanished vanished = table.snapshotId().isEmpty()
                ? new VanishedRows.Vanished(live, 0)
                : DeleteReconciliation.vanished(engine, store, table, load, soft, live, loaded);
        long gone = table.snapshotId().isEmpty() ? 0 : vanished.rows().rowCount();
        Optional<DeleteReconciliation.Found> found =
                gone == 0 ? Optional.empty() : Optional.of(new DeleteReconciliation.Found(vanished.rows(), soft));
        Result result = commit(table, loader.prepare(load, loaded, table, runId, found, at), runId);
        return new Reconciled(result, gone, vanished.rowsInScope());
    }

    /** What {@link #loadReconciling} did: the load, the rows it found gone, and the rows that could have been. */
    public record Reconciled(Result load, long rowsGone, long rowsInScope) {}

    /**
     * Loads a batch staged lazily ({@link EngineSession#stageLazily}) unchanged, as a run does for an
     * append, truncate-reload or partition swap without transform stages: the engine streams the
     * input into table files and the rows are counted from them.
     */
    public Result loadUnchanged(EngineSession session, LoadSpec load, TableSchema staged, String runId) {
        TargetTable.Drift drift = TargetTable.drift(store, load, staged, Optional.empty(), session::tableType);
        TableState table = TargetTable.resolve(store, load, staged, drift);
        return commit(table, new TableLoader(store, session).writeAll(load, EngineSession.SOURCE, table, runId), runId);
    }

    /**
     * Commits the rows of {@code rejected} (a relation {@link EngineSession#splitOnChecks} made) into
     * the quarantine of {@code target}, as run {@code runId} of pipeline {@code engine-contract};
     * their origin is {@code source} followed by their {@code keys}.
     *
     * @return the rows quarantined
     */
    public long quarantineRejects(
            EngineSession session, TableId target, String rejected, String source, List<String> keys, String runId) {
        return quarantineRejects(session, target, rejected, source, keys, false, Optional.empty(), runId);
    }

    /**
     * Like {@link #quarantineRejects(EngineSession, TableId, String, String, List, String)}, the rows
     * traced back to the records of a staged {@link dev.weir.core.spi.Batch.Records} batch (see
     * {@link dev.weir.core.spi.RejectedRows.BatchRecord}).
     */
    public long quarantineRejects(
            EngineSession session,
            TableId target,
            String rejected,
            String source,
            List<String> keys,
            boolean untransformed,
            Optional<String> sequence,
            String runId) {
        return new Quarantine(store)
                .commit(
                        session,
                        target,
                        List.of(Quarantine.Rejects.ofChecks(rejected, source, keys, untransformed, sequence)),
                        PIPELINE,
                        runId,
                        Instant.now());
    }

    /** Like {@link #quarantineRejects}, for the records {@link EngineSession#stageKeepingMalformed} set aside. */
    public long quarantineMalformed(EngineSession session, TableId target, String malformed, String runId) {
        return new Quarantine(store)
                .commit(
                        session,
                        target,
                        List.of(Quarantine.Rejects.malformed(malformed)),
                        PIPELINE,
                        runId,
                        Instant.now());
    }

    private Result commit(TableState table, TableLoader.Prepared prepared, String runId) {
        if (prepared.isEmpty()) {
            return new Result(OptionalLong.empty(), prepared.kind(), 0, 0, 0, 0, 0, prepared.rowsSuperseded());
        }
        long snapshot =
                store.commit(prepared.commit(table, Map.of(TableCommit.RUN_ID, runId, TableCommit.PIPELINE, PIPELINE)));
        return new Result(
                OptionalLong.of(snapshot),
                prepared.kind(),
                prepared.rowsWritten(),
                prepared.rowsDeleted(),
                prepared.filesRewritten(),
                prepared.added().size(),
                prepared.deletes().size(),
                prepared.rowsSuperseded());
    }
}
