package dev.weir.core.run;

import dev.weir.core.alert.AlertChannels;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.schema.SchemaChange;
import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.ErrorHandlingSpec;
import dev.weir.core.spec.ErrorStrategy;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.StageSpec;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.CommitKind;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.StageEvent;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.Watermark;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pipeline: extract from the committed watermark, transform, check the rows (quarantining
 * rejects under dead-letter), write, audit the table as the commit would leave it, and commit data
 * and watermark in one Iceberg snapshot. A run killed anywhere leaves the table as it was or as an
 * uninterrupted run leaves it; the next run closes the dead run's record and removes its files.
 */
public final class PipelineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    private final RunServices services;
    private final TableAttacher attacher;
    private final List<ContractSpec> contracts;

    /** @param contracts the project's contracts; a pipeline is bound to the one of its target table */
    public PipelineRunner(RunServices services, TableAttacher attacher, List<ContractSpec> contracts) {
        this.services = services;
        this.attacher = attacher;
        this.contracts = List.copyOf(contracts);
    }

    /**
     * Runs {@code pipeline} once or, under {@code error_handling.strategy: retry}, until it succeeds
     * or fails for a reason that is not transient, at most {@code max_retries} more times. Waits
     * grow exponentially from {@code retry_delay_seconds}; each attempt is a run of its own.
     */
    public PipelineResult run(PipelineSpec pipeline) {
        ErrorHandlingSpec handling = pipeline.errorHandling();
        if (handling.strategy() != ErrorStrategy.RETRY || handling.maxRetries() == 0) {
            return runOnce(pipeline);
        }
        RetryConfig config = RetryConfig.<PipelineResult>custom()
                .maxAttempts(handling.maxRetries() + 1)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(Math.max(1, handling.retryDelaySeconds() * 1000L)), 2))
                .retryOnResult(result -> result.failure().map(e -> e.code().isTransient()).orElse(false))
                .failAfterMaxAttempts(false)
                .build();
        Retry retry = Retry.of(pipeline.name(), config);
        retry.getEventPublisher().onRetry(event -> LOG.warn("{}: attempt {} failed with a transient error; retrying in {} s",
                pipeline.name(), event.getNumberOfRetryAttempts(), event.getWaitInterval().toMillis() / 1000.0));
        return retry.executeSupplier(() -> runOnce(pipeline));
    }

    private PipelineResult runOnce(PipelineSpec pipeline) {
        String runId = RunIds.next(services.clock());
        Instant startedAt = services.clock().instant();
        PipelineLock lock;
        try {
            lock = PipelineLock.acquire(services.lockDir(), pipeline.name(), runId);
        } catch (WeirException busy) {
            RunRecord refused = closed(RunRecord.started(pipeline.name(), runId, startedAt, Optional.empty()), RunStatus.FAILED, "lock",
                    new Counts(0, 0, 0, 0, 0), Optional.of(busy.render()), Optional.empty());
            record(refused);
            return new PipelineResult(refused, Optional.of(busy), 0, 0);
        }
        try (lock) {
            new InterruptedRuns(services).close(pipeline, runId);
            return new Attempt(pipeline, runId, startedAt).execute();
        }
    }

    /** Appends a closed run to the metastore and the run log. */
    private void record(RunRecord run) {
        services.metastore().saveRun(run);
        services.runLog().append(run);
    }

    /** A run's row and check counts when it closes. */
    private record Counts(long extracted, long transformed, long quarantined, int checksPassed, int checksFailed) {}

    /**
     * Closes {@code run}. A successful run published the effect of every extracted row it did not
     * quarantine; a failed one published none, and its whole batch counts as rejected (it stays in
     * the source and is read again by the next run).
     */
    private RunRecord closed(RunRecord run, RunStatus status, String stage, Counts counts, Optional<String> error,
            Optional<String> watermarkAfter) {
        Instant end = services.clock().instant();
        long loadedRows = status == RunStatus.SUCCESS ? counts.extracted() - counts.quarantined() : 0;
        long rejected = counts.extracted() - loadedRows;
        double seconds = Duration.between(run.startedAt(), end).toMillis() / 1000.0;
        return new RunRecord(run.pipelineName(), run.runId(), run.startedAt(), Optional.of(end), status, stage,
                counts.extracted(), counts.transformed(), loadedRows, rejected, counts.checksPassed(), counts.checksFailed(), seconds, error,
                run.watermarkBefore(), watermarkAfter);
    }

    /** One run's mutable progress; kept apart so the runner itself stays stateless. */
    private final class Attempt {
        private final PipelineSpec pipeline;
        private final String runId;
        private final RunRecord started;
        private final Watermark committed;
        private final Optional<ContractSpec> contract;
        private final RunAlerts alerts;
        private String stage = "start";
        private long extracted;
        private long transformed;
        private QualityGates gates;
        private long malformed;
        private boolean quarantineCommitted;
        /** Where this run's batch ends: the greatest incremental key it staged, and the new files it read. */
        private Optional<String> newKey = Optional.empty();
        private List<String> newFiles = List.of();

        Attempt(PipelineSpec pipeline, String runId, Instant startedAt) {
            this.pipeline = pipeline;
            this.runId = runId;
            this.committed = CommittedWatermark.from(services.tables().history(pipeline.load().target()), pipeline.name(),
                    keyColumn(pipeline));
            reconcileCachedWatermark();
            this.contract = contracts.stream().filter(c -> c.table().equals(pipeline.load().target())).findFirst();
            this.alerts = new RunAlerts(AlertChannels.of(pipeline.errorHandling().alertChannels()), pipeline, contract, services.clock());
            this.started = RunRecord.started(pipeline.name(), runId, startedAt, committed.display());
        }

        PipelineResult execute() {
            services.metastore().saveRun(started);
            try {
                PipelineResult result = extractAndLoad();
                record(result.record());
                return result;
            } catch (WeirException e) {
                return skipsBatch(e) ? skipped(e) : failed(e);
            } catch (RuntimeException e) {
                LOG.error("Run {} of pipeline {} failed unexpectedly", runId, pipeline.name(), e);
                return failed(new WeirException(ErrorCode.INTERNAL, "Internal error in stage " + stage + ": " + e, null,
                        "this is a bug in Weir; rerun with --debug and report the stack trace", e));
            } finally {
                if (gates != null) {
                    services.metastore().saveCheckResults(gates.results());
                }
                ScratchFiles.delete(services.scratchDir(runId));
            }
        }

        private Counts counts() {
            return gates == null
                    ? new Counts(extracted, transformed, 0, 0, 0)
                    : new Counts(extracted, transformed, quarantined(), gates.passed(), gates.failed());
        }

        /** Rows this run puts into the quarantine: malformed records and rows that failed checks. */
        private long quarantined() {
            return malformed + gates.rejectedRows();
        }

        /** Asks the source for its batch first: with no new files there is nothing to start an engine for. */
        private PipelineResult extractAndLoad() {
            stage = "extract";
            Instant t = services.clock().instant();
            Batch batch = services.sources().apply(pipeline).open(committed);
            if (batch instanceof Batch.Files files && files.files().isEmpty()) {
                event(stage, t, 0, "no new files");
                return nothingNew();
            }
            if (pipeline.extract().newFiles() && batch instanceof Batch.Files files) {
                newFiles = files.files().stream().map(f -> f.relativePath()).toList();
            }
            try (EngineSession session = services.engine().openSession(services.scratchDir(runId))) {
                return load(session, batch, t);
            }
        }

        private PipelineResult load(EngineSession session, Batch batch, Instant t) {
            attacher.attachReferenced(session, pipeline);
            gates = new QualityGates(pipeline, contract, session, runId);
            attacher.attach(session, gates.referencedTables());
            Optional<Batch.KeyFilter> filter = keyColumn(pipeline).map(k -> new Batch.KeyFilter(k, committed.keyValue()));
            TableLoader loader = new TableLoader(services.tables(), session);
            TableSchema loaded;
            TableLoader.Prepared prepared;
            boolean deadLetter = pipeline.errorHandling().strategy() == ErrorStrategy.DEAD_LETTER;
            if (loadsBatchUnchanged(pipeline) && !deadLetter && !gates.hasPreLoadChecks()) {
                loaded = session.stageLazily(batch);
                services.failPoints().reach(FailPoints.AFTER_EXTRACT, pipeline.name());
                stage = "load";
                TableState table = target(TargetTable.drift(services.tables(), pipeline.load(), loaded, contract, session::tableType), loaded);
                prepared = loader.writeAll(pipeline.load(), EngineSession.SOURCE, table, runId);
                extracted = prepared.rowsWritten();
                transformed = extracted;
                event("extract", t, extracted, "streamed into the load");
                return publish(session, table, prepared, t);
            }
            RelationInfo source = stageBatch(session, batch, filter, deadLetter, t);
            services.failPoints().reach(FailPoints.AFTER_EXTRACT, pipeline.name());
            if (extracted == 0) {
                return nothingNew();
            }
            RelationInfo last = transform(session, source);
            stage = "schema";
            TargetTable.Drift drift = TargetTable.drift(services.tables(), pipeline.load(), last.schema(), contract, session::tableType);
            RelationInfo toLoad = preLoadGate(session, last);

            stage = "load";
            t = services.clock().instant();
            TableState table = target(drift, toLoad.schema());
            prepared = loader.prepare(pipeline.load(), toLoad, table, runId);
            return publish(session, table, prepared, t);
        }

        /** Stages the batch; under dead-letter, its malformed records are set aside as relation {@link #MALFORMED}. */
        private RelationInfo stageBatch(EngineSession session, Batch batch, Optional<Batch.KeyFilter> filter, boolean deadLetter, Instant t) {
            RelationInfo source;
            if (deadLetter) {
                source = session.stageKeepingMalformed(batch, filter, MALFORMED);
                malformed = session.count(MALFORMED);
            } else {
                source = session.stage(batch, filter);
            }
            extracted = source.rowCount() + malformed;
            if (filter.isPresent()) {
                newKey = session.maxValue(EngineSession.SOURCE, filter.get().column());
            }
            event(stage, t, extracted, malformed == 0 ? null : malformed + " malformed records set aside for the quarantine");
            return source;
        }

        private RelationInfo transform(EngineSession session, RelationInfo source) {
            stage = "transform";
            RelationInfo last = source;
            for (StageSpec s : pipeline.transform().stages()) {
                Instant t = services.clock().instant();
                last = session.runStage(s.name(), s.sql());
                event("transform:" + s.name(), t, last.rowCount(), null);
            }
            transformed = last.rowCount();
            return last;
        }

        /** The rows to load: {@code last}, or under dead-letter the part of it that passed the row-level checks. */
        private RelationInfo preLoadGate(EngineSession session, RelationInfo last) {
            if (!gates.hasPreLoadChecks()) {
                return last;
            }
            stage = "quality";
            Instant t = services.clock().instant();
            RelationInfo toLoad = gates.preLoad(last, appendedTo(session), Optional.of(EngineSession.SOURCE));
            event("quality:pre_load", t, toLoad.rowCount(), gates.passed() + " checks passed, " + gates.failed() + " failed, "
                    + gates.rejectedRows() + " rows rejected");
            return toLoad;
        }

        /** The target table, created or evolved for {@code loaded}; reports the schema changes. */
        private TableState target(TargetTable.Drift drift, TableSchema loaded) {
            Instant t = services.clock().instant();
            TableState table = TargetTable.resolve(services.tables(), pipeline.load(), loaded, drift);
            List<SchemaChange> changes = drift.all();
            if (!changes.isEmpty()) {
                event("schema", t, changes.size(), changes.stream().map(SchemaChange::describe).toList().toString());
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
        private Optional<String> attachPublished(EngineSession session) {
            Optional<TableState> published = services.tables().load(pipeline.load().target()).filter(s -> s.snapshotId().isPresent());
            published.ifPresent(s -> session.attachTable(s.id(), s.layout().schema(), services.tables().dataFiles(s, Optional.empty())));
            return published.map(s -> s.id().toString());
        }

        /**
         * Write-audit-publish: makes the table as {@code commit} would leave it readable, without
         * publishing anything, and runs the post-load checks on it.
         */
        private void audit(EngineSession session, TableState table, TableCommit commit) {
            stage = "audit";
            Instant t = services.clock().instant();
            List<DataFileRef> after = services.tables().preview(commit);
            TableId audited = new TableId(AUDIT_NAMESPACE, table.id().name());
            session.attachTable(audited, table.layout().schema(), after);
            gates.postLoad(audited.toString(), attachPublished(session), Optional.of(EngineSession.SOURCE));
            event("quality:post_load", t, after.stream().mapToLong(DataFileRef::recordCount).sum(),
                    gates.passed() + " checks passed, " + gates.failed() + " failed");
        }

        /**
         * Audits and commits what was written, with the watermark it moves to, then closes the run.
         * A batch whose rows were all quarantined still commits an empty snapshot, so that its
         * watermark moves and the rejects are not quarantined again.
         */
        private PipelineResult publish(EngineSession session, TableState table, TableLoader.Prepared prepared, Instant t) {
            event("load", t, prepared.rowsWritten(),
                    prepared.filesRewritten() + " files rewritten, " + prepared.rowsDeleted() + " old rows deleted by position");
            if (extracted == 0) {
                return nothingNew();
            }
            Watermark after = batchEnd();
            Map<String, String> summary = summary(after);
            summary.put(InterruptedRuns.ROWS_EXTRACTED, Long.toString(extracted));
            summary.put(InterruptedRuns.ROWS_TRANSFORMED, Long.toString(transformed));
            summary.put(InterruptedRuns.ROWS_REJECTED, Long.toString(quarantined()));
            if (gates.hasPostLoadChecks() && !prepared.isEmpty()) {
                audit(session, table, prepared.commit(table, summary));
            }
            services.failPoints().reach(FailPoints.AFTER_WRITE_BEFORE_COMMIT, pipeline.name());

            stage = "commit";
            Instant committing = services.clock().instant();
            if (quarantined() > 0) {
                List<Quarantine.Rejects> rejects = new ArrayList<>();
                if (malformed > 0) {
                    rejects.add(Quarantine.Rejects.malformed(MALFORMED));
                }
                if (gates.rejectedRows() > 0) {
                    rejects.add(Quarantine.Rejects.ofChecks(QualityGates.REJECTED, pipeline.extract().connection(), pipeline.load().mergeKeys()));
                }
                quarantineCommitted = true;
                long rows = new Quarantine(services.tables()).commit(session, pipeline.load().target(), rejects, pipeline.name(), runId,
                        services.clock().instant());
                event("quarantine", committing, rows, "into " + Quarantine.of(pipeline.load().target()));
                services.failPoints().reach(FailPoints.AFTER_QUARANTINE_BEFORE_COMMIT, pipeline.name());
            }
            if (!prepared.isEmpty() || quarantined() > 0) {
                long snapshot = services.tables().commit(prepared.commit(table, summary));
                event(stage, committing, prepared.rowsWritten(), "snapshot " + snapshot);
            }
            services.failPoints().reach(FailPoints.AFTER_COMMIT_BEFORE_METASTORE, pipeline.name());
            services.metastore().saveWatermark(pipeline.name(), CommittedWatermark.toJson(after), runId);
            stage = "done";
            RunRecord done = closed(started, RunStatus.SUCCESS, stage, counts(), Optional.empty(), after.display());
            alerts.succeeded(runId, gates.results(), quarantined());
            return new PipelineResult(done, Optional.empty(), prepared.rowsWritten(), prepared.filesRewritten());
        }

        private Watermark batchEnd() {
            return new Watermark(newKey.or(committed::keyValue), union(committed.loadedFiles(), newFiles));
        }

        private Map<String, String> summary(Watermark after) {
            Map<String, String> summary = new LinkedHashMap<>();
            summary.put(TableCommit.RUN_ID, runId);
            summary.put(TableCommit.PIPELINE, pipeline.name());
            summary.putAll(CommittedWatermark.summary(after, keyColumn(pipeline), newFiles));
            return summary;
        }

        /**
         * Under skip-and-alert, a batch that fails on its data is skipped once it has been read:
         * the table gets an empty snapshot that moves the watermark past the batch and records why,
         * so that later batches load. Its rows stay in the source and count as rejected.
         */
        private boolean skipsBatch(WeirException e) {
            return pipeline.errorHandling().strategy() == ErrorStrategy.SKIP_AND_ALERT && SKIPPABLE.contains(e.code())
                    && (newKey.isPresent() || !newFiles.isEmpty());
        }

        private PipelineResult skipped(WeirException e) {
            Optional<TableState> table = services.tables().load(pipeline.load().target());
            if (table.isEmpty()) {
                return failed(new WeirException(e.code(), e.getMessage() + " (the batch cannot be skipped: table "
                        + pipeline.load().target() + " does not exist yet)", e.location().orElse(null), e.hint().orElse(null), e));
            }
            cleanUp();
            String reason = e.render().replace(System.lineSeparator(), " — ");
            Watermark after = batchEnd();
            Map<String, String> summary = summary(after);
            summary.put(SKIPPED_BATCH, reason);
            long snapshot = services.tables().commit(new TableCommit(table.get().id(), table.get().snapshotId(), CommitKind.APPEND, List.of(),
                    List.of(), summary));
            services.metastore().saveWatermark(pipeline.name(), CommittedWatermark.toJson(after), runId);
            LOG.info("{} run {}: batch skipped, watermark {} -> {} in snapshot {}", pipeline.name(), runId, committed.display().orElse("none"),
                    after.display().orElse("none"), snapshot);
            alerts.batchSkipped(runId, reason, extracted);
            RunRecord skipped = closed(started, RunStatus.BATCH_SKIPPED, stage, new Counts(extracted, transformed, 0,
                    gates == null ? 0 : gates.passed(), gates == null ? 0 : gates.failed()), Optional.of("batch skipped: " + reason),
                    after.display());
            record(skipped);
            return new PipelineResult(skipped, Optional.empty(), 0, 0);
        }

        private PipelineResult nothingNew() {
            stage = "done";
            RunRecord done = closed(started, RunStatus.SUCCESS, stage, new Counts(extracted, extracted, 0, 0, 0), Optional.empty(),
                    committed.display());
            return new PipelineResult(done, Optional.empty(), 0, 0);
        }

        private PipelineResult failed(WeirException e) {
            cleanUp();
            String message = e.render().replace(System.lineSeparator(), " — ");
            RunRecord failed = closed(started, RunStatus.FAILED, stage, counts(), Optional.of(message), committed.display());
            record(failed);
            alerts.failed(runId, e, gates == null ? List.of() : gates.results());
            return new PipelineResult(failed, Optional.of(e), 0, 0);
        }

        /** Takes back what a run that does not commit wrote: its quarantined rows and its files. */
        private void cleanUp() {
            if (quarantineCommitted) {
                long undone = new Quarantine(services.tables()).undo(pipeline.load().target(), runId, runId);
                LOG.info("Took {} quarantined rows of failed run {} back out: its batch will be read again", undone, runId);
            }
            int removed = services.tables().removeUncommittedFiles(pipeline.load().target(), runId)
                    + services.tables().removeUncommittedFiles(Quarantine.of(pipeline.load().target()), runId);
            LOG.debug("Removed {} uncommitted files of failed run {}", removed, runId);
        }

        private void event(String name, Instant startedAt, long rows, String message) {
            services.metastore().addStageEvent(new StageEvent(runId, name, startedAt, services.clock().instant(), rows, "ok",
                    Optional.ofNullable(message)));
        }

        private void reconcileCachedWatermark() {
            String truth = CommittedWatermark.toJson(committed);
            Optional<String> cached = services.metastore().watermark(pipeline.name());
            if (cached.isPresent() && !cached.get().equals(truth) || cached.isEmpty() && !committed.isEmpty()) {
                LOG.info("Watermark of {} reconciled from table {}: cached {} -> committed {}", pipeline.name(),
                        pipeline.load().target(), cached.orElse("none"), truth);
                services.metastore().saveWatermark(pipeline.name(), truth, runId);
            }
        }
    }

    /** Snapshot summary key of a batch skipped under skip-and-alert: why it was skipped. */
    static final String SKIPPED_BATCH = "weir.skipped-batch";

    /** Failures caused by a batch's data, which skip-and-alert skips. */
    private static final Set<ErrorCode> SKIPPABLE = Set.of(ErrorCode.MALFORMED_INPUT, ErrorCode.TRANSFORM_FAILED, ErrorCode.LOAD_REJECTED,
            ErrorCode.QUALITY_GATE_FAILED, ErrorCode.CHECK_ERROR);

    /** The relation of a batch's records that could not be parsed, under dead-letter. */
    private static final String MALFORMED = "__weir_malformed";

    /** Where a load's audited table state is attached, as {@code __weir_audit.<table>}, during write-audit-publish. */
    static final String AUDIT_NAMESPACE = "__weir_audit";

    /**
     * A batch loaded as it is (no transform stage, no key to filter or merge on) is streamed from
     * the input into table files in one pass instead of being staged first.
     */
    private static boolean loadsBatchUnchanged(PipelineSpec pipeline) {
        return pipeline.transform().stages().isEmpty() && keyColumn(pipeline).isEmpty() && !pipeline.load().strategy().needsMergeKeys();
    }

    /** The incremental key column, when the pipeline extracts incrementally on one. */
    private static Optional<String> keyColumn(PipelineSpec pipeline) {
        return pipeline.extract().strategy() == ExtractStrategy.INCREMENTAL ? pipeline.extract().incrementalKey() : Optional.empty();
    }

    private static SortedSet<String> union(Set<String> a, List<String> b) {
        SortedSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
