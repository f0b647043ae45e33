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

    /** A stage of run {@code runId} starts: {@code extract}, {@code transform:<stage>}, {@code quality:pre_load}, {@code load}, {@code quality:post_load}, {@code commit}. */
    default void stageStarted(String runId, String stage) {}

    /** A stage of the run finished, with its row count; the same names as {@link #stageStarted}, and {@code schema} and {@code quarantine}. */
    default void stageFinished(StageEvent stage) {}

    /** The checks of one gate were evaluated. */
    default void checksEvaluated(String runId, List<CheckResult> results) {}

    /** The run's data and position were committed to its table, as {@code snapshotId}. */
    default void committed(String runId, String table, long snapshotId) {}

    /** The run closed: succeeded, failed, skipped its batch, or was not started because its upstream failed. */
    default void runFinished(PipelineResult result) {}
}
