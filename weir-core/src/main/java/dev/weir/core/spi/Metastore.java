package dev.weir.core.spi;

import dev.weir.core.quality.CheckResult;
import java.util.List;
import java.util.Optional;

/**
 * Weir's operational state: runs, stage events, check results and the cached watermark of each
 * pipeline.
 * Safe to use from several processes at once; each call is its own transaction.
 */
public interface Metastore extends AutoCloseable {
    /** Inserts or replaces the record of {@code run} (keyed by run id). */
    void saveRun(RunRecord run);

    /** Appends one stage event. */
    void addStageEvent(StageEvent event);

    Optional<RunRecord> run(String runId);

    /** The latest runs first, at most {@code limit}, optionally of one pipeline only. */
    List<RunRecord> recentRuns(Optional<String> pipeline, int limit);

    /** Runs of {@code pipeline} still marked running (a run whose process died stays so). */
    List<RunRecord> runningRuns(String pipeline);

    /** Stage events of one run, in the order they were added. */
    List<StageEvent> stageEvents(String runId);

    /** The cached watermark of {@code pipeline} (a JSON document), if any. */
    Optional<String> watermark(String pipeline);

    /** Caches the watermark of {@code pipeline}, set by run {@code runId}. */
    void saveWatermark(String pipeline, String watermarkJson, String runId);

    /** Appends the results of the checks one run (or one {@code weir test}) evaluated. */
    void saveCheckResults(List<CheckResult> results);

    /** The check results of one run, in the order they were saved. */
    List<CheckResult> checkResults(String runId);

    /** The scheduler's lease, cursors and ticks. */
    ScheduleStore schedules();

    /** What alerts were sent and which wait for the digest. */
    AlertLedger alertLedger();

    /** The backfills asked for, their chunks and how they stand. */
    BackfillStore backfills();

    @Override
    void close();
}
