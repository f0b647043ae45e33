package dev.weir.core.run;

import dev.weir.core.error.WeirException;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.CommitKind;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a run that loaded its batch: audit the table as the commit would leave it, commit the
 * quarantine and then the data with the batch's end position, and close the run; or, under
 * skip-and-alert, commit an empty snapshot that moves the position past a batch that failed.
 */
final class RunPublication {
    private static final Logger LOG = LoggerFactory.getLogger(RunPublication.class);

    /** Snapshot summary key of a batch skipped under skip-and-alert: why it was skipped. */
    static final String SKIPPED_BATCH = "weir.skipped-batch";

    /** Where a load's audited table state is attached, as {@code __weir_audit.<table>}, during write-audit-publish. */
    static final String AUDIT_NAMESPACE = "__weir_audit";

    private final PipelineRun run;
    private final RunServices services;

    RunPublication(PipelineRun run) {
        this.run = run;
        this.services = run.services;
    }

    /**
     * Audits and commits what was written, with the position it moves to, then closes the run. A
     * batch whose rows were all quarantined still commits an empty snapshot, so that its position
     * moves and the rejects are not quarantined again.
     */
    PipelineResult publish(EngineSession session, TableState table, TableLoader.Prepared prepared, Instant t) {
        run.event(
                RunStage.LOAD,
                t,
                prepared.rowsWritten(),
                prepared.filesRewritten() + " files rewritten, " + prepared.rowsDeleted()
                        + " old rows deleted by position"
                        + (run.pipeline.load().sequenceBy().isPresent()
                                ? ", " + prepared.rowsSuperseded() + " superseded rows not written"
                                : ""));
        if (run.extracted == 0 && prepared.isEmpty()) {
            return UnpublishedRun.nothingNew(run);
        }
        Optional<Position> after = run.batchEnd();
        Map<String, String> summary = summary(after);
        summary.put(InterruptedRuns.ROWS_EXTRACTED, Long.toString(run.extracted));
        summary.put(InterruptedRuns.ROWS_TRANSFORMED, Long.toString(run.transformed));
        summary.put(InterruptedRuns.ROWS_REJECTED, Long.toString(run.quarantined()));
        if (run.gates.hasPostLoadChecks() && !prepared.isEmpty()) {
            audit(session, table, prepared.commit(table, summary));
        }
        services.failPoints().reach(FailPoints.AFTER_WRITE_BEFORE_COMMIT, run.pipeline.name());
        RunRecord done = run.cancellation.uncancellable(
                run.pipeline.name(), () -> commitAndRecord(session, table, prepared, summary, after));
        run.alerts.succeeded(run.runId, run.gates.results(), run.quarantined());
        return new PipelineResult(
                done, Optional.empty(), prepared.rowsWritten(), prepared.filesRewritten(), run.rowsGone);
    }

    /** Commits the quarantine and then the data, and records the run: once begun, a cancellation waits for its end. */
    private RunRecord commitAndRecord(
            EngineSession session,
            TableState table,
            TableLoader.Prepared prepared,
            Map<String, String> summary,
            Optional<Position> after) {
        run.stage = RunStage.COMMIT;
        Instant committing = run.begin(RunStage.COMMIT.wireName());
        if (run.quarantined() > 0) {
            commitQuarantine(session, committing);
        }
        // a batch whose rows were all superseded writes nothing, but its position must still move
        boolean movesPosition = prepared.rowsSuperseded() > 0 && !after.equals(run.committed);
        OptionalLong snapshot = OptionalLong.empty();
        if (!prepared.isEmpty() || run.quarantined() > 0 || movesPosition) {
            snapshot = OptionalLong.of(run.tables.commit(prepared.commit(table, summary)));
            run.committedEnd = after;
            run.event(RunStage.COMMIT, committing, prepared.rowsWritten(), "snapshot " + snapshot.getAsLong());
            services.listener().committed(run.runId, table.id().toString(), snapshot.getAsLong());
        }
        services.failPoints().reach(FailPoints.AFTER_COMMIT_BEFORE_METASTORE, run.pipeline.name());
        run.stage = RunStage.DONE;
        RunRecord done = run.counts()
                .close(
                        run.started,
                        RunStatus.SUCCESS,
                        run.stage,
                        Optional.empty(),
                        CommittedPosition.display(after),
                        services.clock().instant());
        return recordPublished(done, after, snapshot);
    }

    /**
     * Saves the position and the record of a run whose snapshot is already published. Neither can
     * take the publication back: when the metastore cannot have them (a full disk), the run stays a
     * success with a warning, and the next run reads the position from the snapshot and closes the
     * record that stayed running.
     */
    private RunRecord recordPublished(RunRecord done, Optional<Position> after, OptionalLong snapshot) {
        try {
            services.metastore().saveWatermark(run.pipeline.name(), CommittedPosition.cached(after), run.runId);
            services.record(done);
            return done;
        } catch (RuntimeException e) {
            String published = snapshot.isPresent()
                    ? "snapshot " + snapshot.getAsLong() + " of "
                            + run.pipeline.load().target() + " is published"
                    : "the run published nothing new";
            String warning = published + ", but the run could not be recorded (" + e.getMessage()
                    + "); the next run of " + run.pipeline.name() + " records it from the table";
            LOG.warn("{} run {}: {}", run.pipeline.name(), run.runId, warning);
            return done.withWarnings(List.of(warning));
        }
    }

    private void commitQuarantine(EngineSession session, Instant committing) {
        List<Quarantine.Rejects> rejects = new ArrayList<>();
        if (run.malformed > 0) {
            rejects.add(Quarantine.Rejects.malformed(PipelineRun.MALFORMED));
        }
        if (run.mistyped > 0) {
            rejects.add(checkRejects(ContractTypes.MISTYPED));
        }
        if (run.gates.rejectedRows() > 0) {
            rejects.add(checkRejects(QualityGates.REJECTED));
        }
        run.nullsSetAside.ifPresent(nulls -> nulls.rejected().forEach(relation -> rejects.add(checkRejects(relation))));
        run.quarantineCommitted = true;
        long rows = new Quarantine(run.tables)
                .commit(
                        session,
                        run.pipeline.load().target(),
                        rejects,
                        run.pipeline.name(),
                        run.runId,
                        services.clock().instant());
        run.event(
                "quarantine",
                committing,
                rows,
                "into " + Quarantine.of(run.pipeline.load().target()));
        services.failPoints().reach(FailPoints.AFTER_QUARANTINE_BEFORE_COMMIT, run.pipeline.name());
    }

    /** Rows of {@code relation} rejected on the way from the staged batch to the load, to be traced to their source records. */
    private Quarantine.Rejects checkRejects(String relation) {
        return Quarantine.Rejects.ofChecks(
                relation,
                run.pipeline.extract().connection(),
                run.pipeline.load().mergeKeys(),
                run.pipeline.transform().stages().isEmpty(),
                run.pipeline.load().sequenceBy());
    }

    /**
     * Write-audit-publish: makes the table as {@code commit} would leave it readable, without
     * publishing anything, and runs the post-load checks on it.
     */
    private void audit(EngineSession session, TableState table, TableCommit commit) {
        run.stage = RunStage.AUDIT;
        Instant t = run.begin("quality:post_load");
        List<DataFileRef> after = run.tables.preview(commit);
        TableId audited = new TableId(AUDIT_NAMESPACE, table.id().name());
        session.attachTable(audited, table.layout().schema(), after);
        run.gates.postLoad(audited.toString(), run.attachPublished(session), Optional.of(EngineSession.SOURCE));
        run.event(
                "quality:post_load",
                t,
                after.stream().mapToLong(DataFileRef::recordCount).sum(),
                run.gates.passed() + " checks passed, " + run.gates.failed() + " failed");
    }

    /** Skips the batch that failed with {@code e}: an empty snapshot moves the position past it. */
    PipelineResult skipped(WeirException e) {
        Optional<TableState> table = run.tables.load(run.pipeline.load().target());
        if (table.isEmpty()) {
            return UnpublishedRun.failed(
                    run,
                    new WeirException(
                            e.code(),
                            e.getMessage() + " (the batch cannot be skipped: table "
                                    + run.pipeline.load().target() + " does not exist yet)",
                            e.location().orElse(null),
                            e.hint().orElse(null),
                            e));
        }
        UnpublishedRun.cleanUp(run);
        String reason = e.render().replace(System.lineSeparator(), " — ");
        RunRecord skipped =
                run.cancellation.uncancellable(run.pipeline.name(), () -> commitSkipped(table.get(), reason));
        run.alerts.batchSkipped(run.runId, reason, run.extracted);
        return PipelineResult.unpublished(skipped, Optional.empty());
    }

    private RunRecord commitSkipped(TableState table, String reason) {
        Optional<Position> after = run.batchEnd();
        Map<String, String> summary = summary(after);
        summary.put(SKIPPED_BATCH, reason);
        long snapshot = run.tables.commit(
                new TableCommit(table.id(), table.snapshotId(), CommitKind.APPEND, List.of(), List.of(), summary));
        run.committedEnd = after;
        services.listener().committed(run.runId, table.id().toString(), snapshot);
        LOG.info(
                "{} run {}: batch skipped, watermark {} -> {} in snapshot {}",
                run.pipeline.name(),
                run.runId,
                CommittedPosition.display(run.committed).orElse("none"),
                CommittedPosition.display(after).orElse("none"),
                snapshot);
        RunCounts counts = new RunCounts(
                run.extracted,
                run.transformed,
                0,
                run.gates == null ? 0 : run.gates.passed(),
                run.gates == null ? 0 : run.gates.failed());
        RunRecord skipped = counts.close(
                run.started,
                RunStatus.BATCH_SKIPPED,
                run.stage,
                Optional.of("batch skipped: " + reason),
                CommittedPosition.display(after),
                services.clock().instant());
        return recordPublished(skipped, after, OptionalLong.of(snapshot));
    }

    private Map<String, String> summary(Optional<Position> after) {
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put(TableCommit.RUN_ID, run.runId);
        summary.put(TableCommit.PIPELINE, run.pipeline.name());
        summary.putAll(CommittedPosition.summary(after));
        run.window.ifPresent(w -> summary.put(TableCommit.BACKFILL, w.backfillId()));
        return summary;
    }
}
