package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.StageSpec;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.StageEvent;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.Watermark;
import java.time.Duration;
import java.time.Instant;
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
 * Runs one pipeline: extract from the committed watermark, transform, write, and commit data and
 * watermark in one Iceberg snapshot. A run killed anywhere leaves the table as it was or as an
 * uninterrupted run leaves it; the next run closes the dead run's record and removes its files.
 */
public final class PipelineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    private final RunServices services;
    private final TableAttacher attacher;

    public PipelineRunner(RunServices services, TableAttacher attacher) {
        this.services = services;
        this.attacher = attacher;
    }

    public PipelineResult run(PipelineSpec pipeline) {
        String runId = RunIds.next(services.clock());
        Instant startedAt = services.clock().instant();
        PipelineLock lock;
        try {
            lock = PipelineLock.acquire(services.lockDir(), pipeline.name(), runId);
        } catch (WeirException busy) {
            RunRecord refused = closed(RunRecord.started(pipeline.name(), runId, startedAt, Optional.empty()), RunStatus.FAILED, "lock",
                    0, 0, Optional.of(busy.render()), Optional.empty());
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

    /**
     * Closes {@code run}. A successful run published the effect of every extracted row; a failed
     * one published none, and its whole batch counts as rejected (it stays in the source).
     */
    private RunRecord closed(RunRecord run, RunStatus status, String stage, long extracted, long transformed,
            Optional<String> error, Optional<String> watermarkAfter) {
        Instant end = services.clock().instant();
        long loadedRows = status == RunStatus.SUCCESS ? extracted : 0;
        long rejected = extracted - loadedRows;
        double seconds = Duration.between(run.startedAt(), end).toMillis() / 1000.0;
        return new RunRecord(run.pipelineName(), run.runId(), run.startedAt(), Optional.of(end), status, stage,
                extracted, transformed, loadedRows, rejected, 0, 0, seconds, error, run.watermarkBefore(), watermarkAfter);
    }

    /** One run's mutable progress; kept apart so the runner itself stays stateless. */
    private final class Attempt {
        private final PipelineSpec pipeline;
        private final String runId;
        private final RunRecord started;
        private final Watermark committed;
        private String stage = "start";
        private long extracted;
        private long transformed;

        Attempt(PipelineSpec pipeline, String runId, Instant startedAt) {
            this.pipeline = pipeline;
            this.runId = runId;
            this.committed = CommittedWatermark.from(services.tables().history(pipeline.load().target()), pipeline.name(),
                    keyColumn(pipeline));
            reconcileCachedWatermark();
            this.started = RunRecord.started(pipeline.name(), runId, startedAt, committed.display());
        }

        PipelineResult execute() {
            services.metastore().saveRun(started);
            try {
                PipelineResult result = extractAndLoad();
                record(result.record());
                return result;
            } catch (WeirException e) {
                return failed(e);
            } catch (RuntimeException e) {
                LOG.error("Run {} of pipeline {} failed unexpectedly", runId, pipeline.name(), e);
                return failed(new WeirException(ErrorCode.INTERNAL, "Internal error in stage " + stage + ": " + e, null,
                        "this is a bug in Weir; rerun with --debug and report the stack trace", e));
            } finally {
                ScratchFiles.delete(services.scratchDir(runId));
            }
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
            try (EngineSession session = services.engine().openSession(services.scratchDir(runId))) {
                return load(session, batch, t);
            }
        }

        private PipelineResult load(EngineSession session, Batch batch, Instant t) {
            attacher.attachReferenced(session, pipeline);
            Optional<Batch.KeyFilter> filter = keyColumn(pipeline).map(k -> new Batch.KeyFilter(k, committed.keyValue()));
            TableLoader loader = new TableLoader(services.tables(), session);
            TableSchema loaded;
            TableLoader.Prepared prepared;
            if (loadsBatchUnchanged(pipeline)) {
                loaded = session.stageLazily(batch);
                services.failPoints().reach(FailPoints.AFTER_EXTRACT, pipeline.name());
                stage = "load";
                TableState table = TargetTable.resolve(services.tables(), pipeline.load(), loaded);
                prepared = loader.writeAll(pipeline.load(), EngineSession.SOURCE, table, runId);
                extracted = prepared.rowsWritten();
                transformed = extracted;
                event("extract", t, extracted, "streamed into the load");
                return publish(batch, table, prepared, Optional.empty(), t);
            }
            RelationInfo source = session.stage(batch, filter);
            extracted = source.rowCount();
            event(stage, t, extracted, null);
            services.failPoints().reach(FailPoints.AFTER_EXTRACT, pipeline.name());
            if (extracted == 0) {
                return nothingNew();
            }

            stage = "transform";
            RelationInfo last = source;
            for (StageSpec s : pipeline.transform().stages()) {
                t = services.clock().instant();
                last = session.runStage(s.name(), s.sql());
                event("transform:" + s.name(), t, last.rowCount(), null);
            }
            transformed = last.rowCount();

            stage = "load";
            t = services.clock().instant();
            TableState table = TargetTable.resolve(services.tables(), pipeline.load(), last.schema());
            Optional<String> newKey = filter.isPresent() ? session.maxValue(EngineSession.SOURCE, filter.get().column()) : Optional.empty();
            prepared = loader.prepare(pipeline.load(), last, table, runId);
            return publish(batch, table, prepared, newKey, t);
        }

        /** Commits what was written, with the watermark it moves to, then closes the run. */
        private PipelineResult publish(Batch batch, TableState table, TableLoader.Prepared prepared, Optional<String> newKey, Instant t) {
            event("load", t, prepared.rowsWritten(),
                    prepared.filesRewritten() + " files rewritten, " + prepared.rowsDeleted() + " old rows deleted by position");
            if (extracted == 0) {
                return nothingNew();
            }
            List<String> newFiles = pipeline.extract().newFiles() && batch instanceof Batch.Files files
                    ? files.files().stream().map(f -> f.relativePath()).toList()
                    : List.of();
            Watermark after = new Watermark(newKey.or(committed::keyValue), union(committed.loadedFiles(), newFiles));
            Map<String, String> summary = new LinkedHashMap<>();
            summary.put(TableCommit.RUN_ID, runId);
            summary.put(TableCommit.PIPELINE, pipeline.name());
            summary.putAll(CommittedWatermark.summary(after, keyColumn(pipeline), newFiles));
            summary.put(InterruptedRuns.ROWS_EXTRACTED, Long.toString(extracted));
            summary.put(InterruptedRuns.ROWS_TRANSFORMED, Long.toString(transformed));
            services.failPoints().reach(FailPoints.AFTER_WRITE_BEFORE_COMMIT, pipeline.name());

            stage = "commit";
            Instant committing = services.clock().instant();
            if (!prepared.isEmpty()) {
                long snapshot = services.tables().commit(prepared.commit(table, summary));
                event(stage, committing, prepared.rowsWritten(), "snapshot " + snapshot);
            }
            services.failPoints().reach(FailPoints.AFTER_COMMIT_BEFORE_METASTORE, pipeline.name());
            services.metastore().saveWatermark(pipeline.name(), CommittedWatermark.toJson(after), runId);
            stage = "done";
            RunRecord done = closed(started, RunStatus.SUCCESS, stage, extracted, transformed, Optional.empty(), after.display());
            return new PipelineResult(done, Optional.empty(), prepared.rowsWritten(), prepared.filesRewritten());
        }

        private PipelineResult nothingNew() {
            stage = "done";
            RunRecord done = closed(started, RunStatus.SUCCESS, stage, extracted, extracted, Optional.empty(), committed.display());
            return new PipelineResult(done, Optional.empty(), 0, 0);
        }

        private PipelineResult failed(WeirException e) {
            int removed = services.tables().removeUncommittedFiles(pipeline.load().target(), runId);
            LOG.debug("Removed {} uncommitted files of failed run {}", removed, runId);
            String message = e.render().replace(System.lineSeparator(), " — ");
            RunRecord failed = closed(started, RunStatus.FAILED, stage, extracted, transformed, Optional.of(message), committed.display());
            record(failed);
            return new PipelineResult(failed, Optional.of(e), 0, 0);
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
