package dev.weir.core.run;

import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Closes the records of runs whose process died. It runs under the pipeline lock, so a run still
 * marked running there cannot be alive. A dead run that committed is closed as a success with the
 * counts its snapshot recorded; one that did not is closed as killed and its files are removed,
 * manifests and manifest lists of a commit cut short included.
 * A run that died after writing its record to the run log, before the metastore, is closed with
 * that record.
 */
final class InterruptedRuns {
    static final String ROWS_EXTRACTED = "weir.rows-extracted";
    static final String ROWS_TRANSFORMED = "weir.rows-transformed";
    static final String ROWS_REJECTED = "weir.rows-rejected";

    private final RunServices services;
    private final TableStore tables;

    InterruptedRuns(RunServices services, TableStore tables) {
        this.services = services;
        this.tables = tables;
    }

    void close(PipelineSpec pipeline, String closingRunId) {
        List<RunRecord> dead = services.metastore().runningRuns(pipeline.name());
        if (dead.isEmpty()) {
            return;
        }
        List<SnapshotInfo> history = tables.history(pipeline.load().target());
        for (RunRecord run : dead) {
            Optional<RunRecord> logged =
                    services.runLog().find(run.runId()).filter(r -> r.status() != RunStatus.RUNNING);
            if (logged.isPresent()) {
                services.metastore().saveRun(logged.get()); // it closed; only its metastore record was missing
                ScratchFiles.delete(services.scratchDir(run.runId()));
                continue;
            }
            Optional<SnapshotInfo> commit = history.stream()
                    .filter(s -> s.runId().map(run.runId()::equals).orElse(false))
                    .findFirst();
            RunRecord closed = commit.isPresent()
                    ? committed(run, pipeline, commit.get(), closingRunId)
                    : killed(run, pipeline, closingRunId);
            services.runLog().append(closed);
            services.metastore().saveRun(closed);
            ScratchFiles.delete(services.scratchDir(run.runId()));
        }
    }

    /**
     * Removes what the dead run's commits left that nothing references: the manifests and manifest
     * lists of a commit it did not complete, or of the attempts before the one that did.
     */
    private int leftovers(RunRecord run, PipelineSpec pipeline) {
        return tables.removeUnreferencedFiles(pipeline.load().target(), run.startedAt())
                + tables.removeUnreferencedFiles(Quarantine.of(pipeline.load().target()), run.startedAt());
    }

    private RunRecord committed(RunRecord run, PipelineSpec pipeline, SnapshotInfo snapshot, String closingRunId) {
        int removed = leftovers(run, pipeline);
        Map<String, String> summary = snapshot.summary();
        long extracted = Long.parseLong(summary.getOrDefault(ROWS_EXTRACTED, "0"));
        long transformed = Long.parseLong(summary.getOrDefault(ROWS_TRANSFORMED, "0"));
        long rejected = Long.parseLong(summary.getOrDefault(ROWS_REJECTED, "0"));
        Instant end = snapshot.committedAt();
        String note = "process stopped after its commit (snapshot " + snapshot.snapshotId() + "); record closed by run "
                + closingRunId + (removed > 0 ? ", which removed " + removed + " files nothing references" : "");
        return new RunRecord(
                run.pipelineName(),
                run.runId(),
                run.startedAt(),
                Optional.of(end),
                RunStatus.SUCCESS,
                "commit",
                extracted,
                transformed,
                extracted - rejected,
                rejected,
                0,
                0,
                seconds(run.startedAt(), end),
                Optional.of(note),
                run.watermarkBefore(),
                Optional.ofNullable(summary.get(TableCommit.WATERMARK)).or(run::watermarkBefore));
    }

    private RunRecord killed(RunRecord run, PipelineSpec pipeline, String closingRunId) {
        long unquarantined = new Quarantine(tables).undo(pipeline.load().target(), run.runId(), closingRunId);
        int removed = tables.removeUncommittedFiles(pipeline.load().target(), run.runId())
                + tables.removeUncommittedFiles(Quarantine.of(pipeline.load().target()), run.runId())
                + leftovers(run, pipeline);
        Instant end = services.clock().instant();
        String note = "process stopped before its commit; nothing was published; " + removed
                + " uncommitted files removed"
                + (unquarantined > 0 ? ", " + unquarantined + " quarantined rows taken back out" : "")
                + " by run " + closingRunId;
        return new RunRecord(
                run.pipelineName(),
                run.runId(),
                run.startedAt(),
                Optional.of(end),
                RunStatus.KILLED,
                run.stage(),
                0,
                0,
                0,
                0,
                0,
                0,
                seconds(run.startedAt(), end),
                Optional.of(note),
                run.watermarkBefore(),
                run.watermarkBefore());
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }
}
