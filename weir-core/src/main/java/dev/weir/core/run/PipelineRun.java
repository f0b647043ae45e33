package dev.weir.core.run;

import dev.weir.core.alert.AlertDelivery;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.RejectedBatchException;
import dev.weir.core.error.WeirException;
import dev.weir.core.schema.SchemaChange;
import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.ErrorStrategy;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.LazyStaging;
import dev.weir.core.spi.MalformedRecords;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.StageEvent;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.TableStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a pipeline, under its lock: its steps in order ({@link RunStage}) and its mutable
 * progress. Publishing the result is {@link RunPublication}'s.
 */
final class PipelineRun {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);

    /** Failures caused by a batch's data, which skip-and-alert skips. */
    private static final Set<ErrorCode> SKIPPABLE = Set.of(
            ErrorCode.MALFORMED_INPUT,
            ErrorCode.TRANSFORM_FAILED,
            ErrorCode.LOAD_REJECTED,
            ErrorCode.QUALITY_GATE_FAILED,
            ErrorCode.CHECK_ERROR);

    /** The relation of a batch's records that could not be parsed or have no valid incremental key, under dead-letter. */
    static final String MALFORMED = "__weir_malformed";

    final RunServices services;
    /** This run's write session on the tables, closed when the run ends. */
    final TableStore tables;

    final TableAttacher attacher;
    final PipelineSpec pipeline;
    final Optional<ContractSpec> contract;
    final String runId;
    /** The backfill chunk this run loads instead of what follows the committed position. */
    final Optional<BackfillWindow> window;
    /** The record as the run started; it gains the batch's warnings once the source has opened it. */
    RunRecord started;

    final Optional<Position> committed;
    final RunAlerts alerts;
    final ThreadCancellation cancellation = ThreadCancellation.ofCurrentThread();
    RunStage stage = RunStage.START;
    long extracted;
    long transformed;
    long malformed;
    /** Rows whose values do not fit the contract's types, set aside for the quarantine under dead-letter. */
    long mistyped;

    QualityGates gates;
    /** Under dead-letter, the rows of a keyed load set aside for a NULL merge key or sequence value. */
    Optional<TableLoader.SetAside> nullsSetAside = Optional.empty();

    boolean quarantineCommitted;
    /** The table's rows this run removes because their keys are gone from the source. */
    long rowsGone;
    /** The batch the source opened, once it has. */
    Optional<SourceBatch> batch = Optional.empty();
    /** Where the batch ends, once it is staged (or known without staging). */
    Optional<Position> end = Optional.empty();
    /** The end position a snapshot of this run committed, which the source may then acknowledge. */
    Optional<Position> committedEnd = Optional.empty();

    PipelineRun(
            RunServices services,
            TableAttacher attacher,
            PipelineSpec pipeline,
            Optional<ContractSpec> contract,
            String runId,
            Optional<BackfillWindow> window,
            Instant startedAt,
            TableStore tables) {
        this.services = services;
        this.tables = tables;
        this.attacher = attacher;
        this.pipeline = pipeline;
        this.contract = contract;
        this.runId = runId;
        this.window = window;
        this.committed = CommittedPosition.from(tables.history(pipeline.load().target()), pipeline.name());
        CommittedPosition.reconcileCache(services.metastore(), pipeline, committed, runId);
        AlertDelivery delivery = AlertDelivery.of(
                pipeline.errorHandling().alertChannels(),
                services.alertChannels(),
                services.metastore().alertLedger(),
                services.alertSettings());
        this.alerts =
                new RunAlerts(delivery, () -> delivery.resolved(pipeline.name()), pipeline, contract, services.clock());
        this.started = RunRecord.started(pipeline.name(), runId, startedAt, CommittedPosition.display(committed));
    }

    PipelineResult execute() {
        services.metastore().saveRun(started);
        services.listener().runStarted(started);
        PipelineResult result;
        try {
            result = extractAndLoad(); // recorded by how it ended: published, nothing new or failed
        } catch (RuntimeException e) {
            result = UnpublishedRun.after(this, e);
        }
        saveCheckResults(result);
        ScratchFiles.delete(services.scratchDir(runId));
        return result;
    }

    /** Stores the checks' results; a run that failed keeps its own failure if they cannot be stored too. */
    private void saveCheckResults(PipelineResult result) {
        if (gates == null) {
            return;
        }
        try {
            services.metastore().saveCheckResults(gates.results());
        } catch (RuntimeException e) {
            if (result.failure().isEmpty()) {
                throw e;
            }
            LOG.warn("Cannot save the check results of failed run {}: {}", runId, e.getMessage());
        }
        services.listener().checksEvaluated(runId, gates.results());
    }

    RunCounts counts() {
        return gates == null
                ? new RunCounts(extracted, transformed, 0, 0, 0)
                : new RunCounts(extracted, transformed, quarantined(), gates.passed(), gates.failed());
    }

    /** Rows this run puts into the quarantine: malformed records, rows that do not fit the contract's types, rows that failed checks, rows with NULL keys. */
    long quarantined() {
        return malformed
                + mistyped
                + (gates == null ? 0 : gates.rejectedRows())
                + nullsSetAside.map(TableLoader.SetAside::rows).orElse(0L);
    }

    /** Asks the source for its batch first: with nothing new there is no engine to start. */
    private PipelineResult extractAndLoad() {
        stage = RunStage.EXTRACT;
        Instant t = begin(RunStage.EXTRACT.wireName());
        Source source = services.openSource(pipeline, runId, cancellation);
        try {
            SourceBatch opened =
                    window.isPresent() ? window.get().open(source, pipeline, committed) : source.open(committed);
            batch = Optional.of(opened);
            opened.warnings().forEach(w -> LOG.warn("Pipeline {}: {}", pipeline.name(), w));
            started = started.withWarnings(opened.warnings());
            cancellation.check();
            if (opened.empty()) {
                event(stage, t, 0, "nothing new");
                return UnpublishedRun.nothingNew(this);
            }
            try (EngineSession session =
                    services.engineOf(pipeline).openSession(services.scratchDir(runId), cancellation)) {
                PipelineResult result = load(session, source, opened, t);
                committedEnd.ifPresent(end -> RunResources.acknowledge(source, end, pipeline.name()));
                return result;
            }
        } finally {
            RunResources.close(source, "source", pipeline.name());
        }
    }

    private PipelineResult load(EngineSession session, Source source, SourceBatch opened, Instant t) {
        attacher.attachReferenced(session, pipeline);
        gates = new QualityGates(pipeline, contract, session, runId);
        attacher.attach(session, gates.referencedTables());
        TableLoader loader = new TableLoader(tables, session);
        boolean deadLetter = pipeline.errorHandling().strategy() == ErrorStrategy.DEAD_LETTER;
        Optional<LazyStaging> lazily = session.capability(LazyStaging.class);
        if (loadsBatchUnchanged(opened)
                && !deadLetter
                && !gates.hasPreLoadChecks()
                && !ContractTypes.casts(contract)
                && lazily.isPresent()) {
            TableSchema loaded = countingRejectedBatch(() -> lazily.get().stageLazily(opened.batch()));
            end = opened.end().known();
            services.failPoints().reach(FailPoints.AFTER_EXTRACT, pipeline.name());
            cancellation.check();
            stage = RunStage.LOAD;
            TableState table =
                    target(TargetTable.drift(tables, pipeline.load(), loaded, contract, session::tableType), loaded);
            TableLoader.Prepared prepared = loader.writeAll(pipeline.load(), EngineSession.SOURCE, table, runId);
            extracted = prepared.rowsWritten();
            transformed = extracted;
            event(RunStage.EXTRACT, t, extracted, "streamed into the load");
            return new RunPublication(this).publish(session, table, prepared, t);
        }
        RelationInfo staged = stageBatch(session, opened, deadLetter, t);
        services.failPoints().reach(FailPoints.AFTER_EXTRACT, pipeline.name());
        cancellation.check();
        DeleteReconciliation deletes = DeleteReconciliation.of(this);
        if (extracted == 0 && !deletes.due()) {
            return UnpublishedRun.nothingNew(this);
        }
        RelationInfo result = TransformStages.run(this, session, staged);
        stage = RunStage.SCHEMA;
        RelationInfo last = loader.loaded(pipeline.load(), typed(session, result), started.startedAt());
        TargetTable.Drift drift = TargetTable.drift(
                tables,
                pipeline.load(),
                deletes.schema(TableLoader.withMetadata(pipeline.load(), last.schema())),
                contract,
                session::tableType);
        RelationInfo toLoad = preLoadGate(session, last);

        stage = RunStage.LOAD;
        Instant loading = begin(RunStage.LOAD.wireName());
        if (deadLetter) {
            nullsSetAside = Optional.of(loader.setAsideNulls(pipeline.load(), toLoad));
            toLoad = nullsSetAside.get().kept();
        }
        toLoad = deletes.withDeletedAt(
                session,
                loader.withMetadata(
                        pipeline.load(),
                        toLoad,
                        started.startedAt(),
                        runId,
                        pipeline.extract().connection()));
        TableState table = target(drift, toLoad.schema());
        Optional<DeleteReconciliation.Found> vanished = deletes.find(this, session, source, toLoad, table);
        rowsGone = vanished.map(f -> f.rows().rowCount()).orElse(0L);
        TableLoader.Prepared prepared =
                loader.prepare(pipeline.load(), toLoad, table, runId, vanished, started.startedAt());
        return new RunPublication(this).publish(session, table, prepared, loading);
    }

    /**
     * Stages the batch; under dead-letter, its malformed records and rows without a valid incremental
     * key are set aside as relation {@link #MALFORMED}, less those an earlier run already quarantined.
     */
    private RelationInfo stageBatch(EngineSession session, SourceBatch opened, boolean deadLetter, Instant t) {
        RelationInfo source;
        if (deadLetter) {
            source = EngineCapabilities.require(
                            session, MalformedRecords.class, "set malformed records aside for dead-letter")
                    .stageKeepingMalformed(opened.batch(), opened.filter(), MALFORMED);
            malformed = new Quarantine(tables)
                    .leaveOutQuarantined(session, pipeline.load().target(), pipeline.name(), MALFORMED);
        } else {
            source = countingRejectedBatch(() -> session.stage(opened.batch(), opened.filter()));
        }
        extracted = source.rowCount() + malformed;
        end = opened.end().resolve((column, type) -> session.maxValue(EngineSession.SOURCE, column, type));
        event(
                stage,
                t,
                extracted,
                malformed == 0
                        ? null
                        : malformed + " malformed records or rows without a valid key set aside for the quarantine");
        return source;
    }

    /** Runs {@code staging}; a batch that fails on its records is still counted whole in the run record. */
    private <T> T countingRejectedBatch(Supplier<T> staging) {
        try {
            return staging.get();
        } catch (RejectedBatchException e) {
            extracted = e.records();
            throw e;
        }
    }

    /** {@code last} cast to the contract's types; under dead-letter the rows that do not fit are set aside for the quarantine. */
    private RelationInfo typed(EngineSession session, RelationInfo last) {
        if (!ContractTypes.casts(contract)) {
            return last;
        }
        ContractTypes.Typed typed = ContractTypes.apply(
                session,
                last,
                contract.get(),
                pipeline.load().target(),
                pipeline.errorHandling().strategy() == ErrorStrategy.DEAD_LETTER);
        mistyped = typed.rejectedRows();
        return typed.relation();
    }

    /** The rows to load: {@code last}, or under dead-letter the part of it that passed the row-level checks. */
    private RelationInfo preLoadGate(EngineSession session, RelationInfo last) {
        if (!gates.hasPreLoadChecks()) {
            return last;
        }
        stage = RunStage.QUALITY;
        Instant t = begin("quality:pre_load");
        RelationInfo toLoad = gates.preLoad(last, appendedTo(session), Optional.of(EngineSession.SOURCE));
        event(
                "quality:pre_load",
                t,
                toLoad.rowCount(),
                gates.passed() + " checks passed, " + gates.failed() + " failed, " + gates.rejectedRows()
                        + " rows rejected");
        return toLoad;
    }

    /** The target table, created or evolved for {@code loaded}; reports the schema changes. */
    private TableState target(TargetTable.Drift drift, TableSchema loaded) {
        Instant t = services.clock().instant();
        TableState table = TargetTable.resolve(tables, pipeline.load(), loaded, drift);
        List<SchemaChange> changes = drift.all();
        if (!changes.isEmpty()) {
            event(
                    RunStage.SCHEMA,
                    t,
                    changes.size(),
                    changes.stream().map(SchemaChange::describe).toList().toString());
            alerts.schemaChanged(runId, changes);
        }
        return table;
    }

    /** The published target, attached under its name, when the batch is appended to it: unique checks count its rows too. */
    private Optional<String> appendedTo(EngineSession session) {
        if (pipeline.load().strategy() != LoadStrategy.APPEND) {
            return Optional.empty();
        }
        return attachPublished(session);
    }

    /** Attaches the target table as published now, under its own name; empty when it has no snapshot yet. */
    Optional<String> attachPublished(EngineSession session) {
        Optional<TableState> published =
                tables.load(pipeline.load().target()).filter(s -> s.snapshotId().isPresent());
        published.ifPresent(
                s -> session.attachTable(s.id(), s.layout().schema(), tables.dataFiles(s, Optional.empty())));
        return published.map(s -> s.id().toString());
    }

    /**
     * Under skip-and-alert, a batch that fails on its data is skipped once its end is known: the
     * table gets an empty snapshot that moves the position past the batch and records why, so that
     * later batches load. Its rows stay in the source and count as rejected.
     */
    boolean skipsBatch(WeirException e) {
        return pipeline.errorHandling().strategy() == ErrorStrategy.SKIP_AND_ALERT
                && SKIPPABLE.contains(e.code())
                && batchEnd().filter(p -> !committed.equals(Optional.of(p))).isPresent();
    }

    /** Where the batch ends: as staged, else as known without staging. */
    Optional<Position> batchEnd() {
        return end.or(() -> batch.flatMap(b -> b.end().known()));
    }

    /** Tells the listeners that stage {@code name} starts; returns when it did, for its event. */
    Instant begin(String name) {
        services.listener().stageStarted(runId, name);
        return services.clock().instant();
    }

    void event(RunStage step, Instant startedAt, long rows, String message) {
        event(step.wireName(), startedAt, rows, message);
    }

    void event(String name, Instant startedAt, long rows, String message) {
        StageEvent event = new StageEvent(
                runId, name, startedAt, services.clock().instant(), rows, "ok", Optional.ofNullable(message));
        services.metastore().addStageEvent(event);
        services.listener().stageFinished(event);
    }

    /**
     * A batch loaded as it is (no transform stage, no key to filter or merge on) is streamed from
     * the input into table files in one pass instead of being staged first.
     */
    private boolean loadsBatchUnchanged(SourceBatch opened) {
        return pipeline.transform().stages().isEmpty()
                && opened.filter().isEmpty()
                && !pipeline.load().strategy().needsMergeKeys()
                && pipeline.load().metadataColumns().isEmpty();
    }
}
