package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a {@link PipelineRun} ends when it publishes nothing: nothing new to load, or a failure whose writes it takes back. */
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
        return new PipelineResult(done, Optional.empty(), 0, 0);
    }

    /**
     * Closes a run that publishes nothing. A cancelled run's thread stays interrupted, so its
     * cleanup runs with the interrupt cleared (file channels refuse to work on an interrupted thread).
     */
    static PipelineResult failed(PipelineRun run, WeirException e) {
        boolean interrupted = Thread.interrupted();
        try {
            cleanUp(run);
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
            run.services.record(failed);
            run.alerts.failed(run.runId, e, run.gates == null ? List.of() : run.gates.results());
            return new PipelineResult(failed, Optional.of(e), 0, 0);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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
        int removed = run.tables.removeUncommittedFiles(run.pipeline.load().target(), run.runId)
                + run.tables.removeUncommittedFiles(
                        Quarantine.of(run.pipeline.load().target()), run.runId);
        LOG.debug("Removed {} uncommitted files of failed run {}", removed, run.runId);
    }
}
