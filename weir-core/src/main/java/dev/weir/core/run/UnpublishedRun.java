package dev.weir.core.run;

import dev.weir.core.error.DiskFull;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link PipelineRun} ends when it publishes nothing: nothing new to load, or a failure (a
 * cancellation, a full disk, a failure of its data or a bug) whose writes it takes back.
 */
final class UnpublishedRun {
    private static final Logger LOG = LoggerFactory.getLogger(UnpublishedRun.class);

    private UnpublishedRun() {}

    static PipelineResult nothingNew(PipelineRun run) {
        run.stage = RunStage.DONE;
        RunRecord done = new RunCounts(run.extracted, run.extracted, 0, 0, 0)
                .close(
                        run.started,
                        RunStatus.SUCCESS,
                        run.stage,
                        Optional.empty(),
                        CommittedPosition.display(run.committed),
                        run.services.clock().instant());
        run.services.record(done);
        return PipelineResult.unpublished(done, Optional.empty());
    }

    /** Closes the run after {@code e}: cancelled, skipped under skip-and-alert, or failed. */
    static PipelineResult after(PipelineRun run, RuntimeException e) {
        if (run.cancellation.isCancelled()) {
            return failed(run, run.cancellation.cancelled(e));
        }
        Optional<WeirException> diskFull =
                DiskFull.of("Cannot run pipeline " + run.pipeline.name(), e, writtenPlaces(run));
        if (diskFull.isPresent()) {
            return failed(run, diskFull.get());
        }
        if (e instanceof WeirException weir) {
            return run.skipsBatch(weir) ? new RunPublication(run).skipped(weir) : failed(run, weir);
        }
        LOG.error("Run {} of pipeline {} failed unexpectedly", run.runId, run.pipeline.name(), e);
        return failed(
                run,
                new WeirException(
                        ErrorCode.INTERNAL,
                        "Internal error in stage " + run.stage.wireName() + ": " + e,
                        null,
                        "this is a bug in Weir; rerun with --debug and report the stack trace",
                        e));
    }

    /** Where a run writes: the project (its warehouse and state), its scratch directory and the JVM's temp directory. */
    private static List<Path> writtenPlaces(PipelineRun run) {
        return List.of(
                run.services.projectRoot(),
                run.services.scratchDir(run.runId),
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Closes a run that publishes nothing. A cancelled run's thread stays interrupted, so its
     * cleanup runs with the interrupt cleared (file channels refuse to work on an interrupted thread).
     */
    static PipelineResult failed(PipelineRun run, WeirException e) {
        boolean interrupted = Thread.interrupted();
        try {
            tryTo("take back the writes of", run, e, () -> cleanUp(run));
            String message = e.render().replace(System.lineSeparator(), " — ");
            RunStatus status = e.code() == ErrorCode.CANCELLED ? RunStatus.CANCELLED : RunStatus.FAILED;
            RunRecord failed = run.counts()
                    .close(
                            run.started,
                            status,
                            run.stage,
                            Optional.of(message),
                            CommittedPosition.display(run.committed),
                            run.services.clock().instant());
            // unrecorded (a full disk), the run stays marked running and the next run closes it
            tryTo("record", run, e, () -> run.services.record(failed));
            run.alerts.failed(run.runId, e, run.gates == null ? List.of() : run.gates.results());
            return PipelineResult.unpublished(failed, Optional.of(e));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Does {@code step} of closing a failed run; when the step fails too (the disk that failed the
     * run is full), the run's own failure {@code e} stays the one reported, the step's kept with it.
     */
    private static void tryTo(String what, PipelineRun run, WeirException e, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException second) {
            e.addSuppressed(second);
            LOG.warn("Cannot {} failed run {}: {}", what, run.runId, second.getMessage());
        }
    }

    /** Takes back what a run that does not commit wrote: its quarantined rows and its files. */
    static void cleanUp(PipelineRun run) {
        if (run.quarantineCommitted) {
            long undone = new Quarantine(run.tables).undo(run.pipeline.load().target(), run.runId, run.runId);
            LOG.info(
                    "Took {} quarantined rows of failed run {} back out: its batch will be read again",
                    undone,
                    run.runId);
        }
        TableId target = run.pipeline.load().target();
        int removed = run.tables.removeUncommittedFiles(target, run.runId)
                + run.tables.removeUncommittedFiles(Quarantine.of(target), run.runId)
                + run.tables.removeUnreferencedFiles(target, run.started.startedAt())
                + run.tables.removeUnreferencedFiles(Quarantine.of(target), run.started.startedAt());
        LOG.debug("Removed {} uncommitted files of failed run {}", removed, run.runId);
    }
}
