package dev.weir.core.backfill;

import dev.weir.core.run.BackfillWindow;
import dev.weir.core.run.PipelineRunner;
import dev.weir.core.run.RunIds;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Backfill;
import dev.weir.core.spi.BackfillChunk;
import dev.weir.core.spi.BackfillStore;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a planned backfill chunk by chunk, most recent first, each chunk a run of its own that
 * takes the pipeline's lock (so scheduled runs of the pipeline wait for the chunk, and run between
 * chunks) but no scheduler slot. The record is saved as each chunk starts and ends, so a backfill
 * run again over the same days after a kill or a failure skips the chunks done and redoes the
 * others. It stops at the first chunk that fails, or when its thread is interrupted.
 */
public final class BackfillRunner {
    private final PipelineRunner runner;
    private final BackfillStore store;
    private final TableReader tables;
    private final Clock clock;
    private final BackfillProgress progress;

    public BackfillRunner(
            PipelineRunner runner, BackfillStore store, TableReader tables, Clock clock, BackfillProgress progress) {
        this.runner = runner;
        this.store = store;
        this.tables = tables;
        this.clock = clock;
        this.progress = progress;
    }

    /** The unfinished backfill of {@code plan}'s exact request that a run would resume, if any. */
    public Optional<Backfill> resumable(BackfillPlan plan) {
        BackfillRequest r = plan.request();
        return store.unfinished(r.pipeline(), r.start(), r.end(), r.size().wireName());
    }

    /** Runs {@code plan}, resuming its unfinished backfill if there is one; returns the record as it ends. */
    public Backfill run(BackfillPlan plan) {
        Backfill backfill = resumable(plan).orElseGet(() -> create(plan));
        List<BackfillChunk> chunks = new ArrayList<>(backfill.chunks());
        int skipped = (int) backfill.chunksDone();
        progress.started(backfill, skipped);
        store.finish(backfill.id(), Backfill.Status.RUNNING, List.of(), Optional.empty());
        int total = chunks.size() - skipped;
        int index = 0;
        boolean failed = false;
        for (int i = 0; i < chunks.size() && !failed && !Thread.currentThread().isInterrupted(); i++) {
            BackfillChunk chunk = chunks.get(i);
            if (chunk.status() == BackfillChunk.Status.DONE) {
                continue;
            }
            index++;
            progress.chunkStarted(chunk, index, total);
            BackfillChunk ended = runChunk(plan, backfill.id(), chunk);
            chunks.set(i, ended);
            progress.chunkFinished(ended, index, total);
            failed = ended.status() == BackfillChunk.Status.FAILED;
        }
        boolean done = chunks.stream().allMatch(c -> c.status() == BackfillChunk.Status.DONE);
        Backfill.Status status =
                done ? Backfill.Status.DONE : failed ? Backfill.Status.FAILED : Backfill.Status.RUNNING;
        List<String> anomalies = ChunkValidation.acrossChunks(chunks);
        Optional<Instant> finishedAt = done ? Optional.of(clock.instant()) : Optional.empty();
        boolean interrupted = Thread.interrupted();
        try {
            store.finish(backfill.id(), status, anomalies, finishedAt);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return store.backfill(backfill.id()).orElseThrow();
    }

    private Backfill create(BackfillPlan plan) {
        BackfillRequest r = plan.request();
        List<BackfillChunk> chunks = plan.chunks().stream()
                .map(c -> BackfillChunk.pending(c.start(), c.end()))
                .toList();
        Backfill backfill = new Backfill(
                "bf-" + RunIds.next(clock),
                r.pipeline(),
                r.start(),
                r.end(),
                r.size().wireName(),
                r.reason(),
                Backfill.Status.RUNNING,
                clock.instant(),
                Optional.empty(),
                chunks,
                List.of());
        store.create(backfill);
        return backfill;
    }

    private BackfillChunk runChunk(BackfillPlan plan, String backfillId, BackfillChunk chunk) {
        TableId table = plan.pipeline().load().target();
        String runId = RunIds.next(clock);
        long before = liveRows(table);
        store.saveChunk(
                backfillId,
                new BackfillChunk(
                        chunk.start(),
                        chunk.end(),
                        BackfillChunk.Status.RUNNING,
                        Optional.of(runId),
                        before,
                        before,
                        0,
                        0,
                        0,
                        0,
                        0,
                        Optional.empty(),
                        List.of()));
        Chunks.Chunk days = new Chunks.Chunk(chunk.start(), chunk.end());
        PipelineResult result =
                runner.runWindow(plan.pipeline(), new BackfillWindow(backfillId, days.window(plan.zone())), runId);
        RunRecord run = result.record();
        long after = liveRows(table);
        boolean ok = result.failure().isEmpty() && ChunkValidation.SUCCEEDED.contains(run.status());
        BackfillChunk ended = new BackfillChunk(
                chunk.start(),
                chunk.end(),
                ok ? BackfillChunk.Status.DONE : BackfillChunk.Status.FAILED,
                Optional.of(run.runId()),
                before,
                after,
                run.rowsExtracted(),
                run.rowsLoaded(),
                run.rowsRejected(),
                run.qualityChecksPassed(),
                run.qualityChecksFailed(),
                ok
                        ? Optional.empty()
                        : run.errorMessage()
                                .or(() -> Optional.of("run " + run.status().wireName())),
                List.of());
        ended = ChunkValidation.withAnomalies(ended);
        boolean interrupted = Thread.interrupted();
        try {
            store.saveChunk(backfillId, ended);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return ended;
    }

    /** The table's rows as its current snapshot holds them: records less rows deleted by position. */
    private long liveRows(TableId table) {
        List<SnapshotInfo> history = tables.history(table);
        if (history.isEmpty()) {
            return 0;
        }
        Map<String, String> summary = history.get(history.size() - 1).summary();
        return number(summary, "total-records") - number(summary, "total-position-deletes");
    }

    private static long number(Map<String, String> summary, String key) {
        String value = summary.get(key);
        return value == null ? 0 : Long.parseLong(value);
    }
}
