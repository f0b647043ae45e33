package dev.weir.core.spi;

import dev.weir.core.quality.CheckResult;
import java.util.List;

/**
 * Sees the events of every run as they happen: the CLI's output, progress, metrics and lineage
 * attach here. Methods are called on the run's thread, in order; a listener must be quick and
 * must not throw (an exception is logged and ignored). Every method does nothing by default.
 */
public interface RunListener {
    /** A run opened its record (also a run that then fails at once, e.g. on its lock). */
    default void runStarted(RunRecord run) {}

    /** A stage of the run (extract, a transform stage, quality, load, audit, commit) finished, with its row count. */
    default void stageFinished(StageEvent stage) {}

    /** The checks of one gate were evaluated. */
    default void checksEvaluated(String runId, List<CheckResult> results) {}

    /** The run's data and position were committed to its table, as {@code snapshotId}. */
    default void committed(String runId, String table, long snapshotId) {}

    /** The run closed: succeeded, failed, skipped its batch, or was not started because its upstream failed. */
    default void runFinished(PipelineResult result) {}
}
