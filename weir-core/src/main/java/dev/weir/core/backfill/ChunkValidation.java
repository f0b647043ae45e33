package dev.weir.core.backfill;

import dev.weir.core.spi.BackfillChunk;
import dev.weir.core.spi.RunStatus;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What looks wrong in a backfill's figures (the seed's protocol: compare row counts and key
 * metrics before and after, watch for duplicate creation). Within a chunk: rows rejected, checks
 * failed, or a table that lost rows to a load that should only replace them. Across chunks: a
 * chunk whose rows per day stray more than {@link #VOLUME_SHIFT_PERCENT}% from the median of the
 * chunks', the sign of a gap or a duplication in the source.
 */
final class ChunkValidation {
    static final Set<RunStatus> SUCCEEDED = Set.of(RunStatus.SUCCESS);
    static final int VOLUME_SHIFT_PERCENT = 50;

    private ChunkValidation() {}

    static BackfillChunk withAnomalies(BackfillChunk chunk) {
        List<String> found = new ArrayList<>();
        if (chunk.rowsRejected() > 0) {
            found.add(chunk.rowsRejected() + " rows rejected into the quarantine");
        }
        if (chunk.checksFailed() > 0) {
            found.add(chunk.checksFailed() + " checks failed");
        }
        if (chunk.status() == BackfillChunk.Status.DONE && chunk.rowsAfter() < chunk.rowsBefore()) {
            found.add("the table lost " + (chunk.rowsBefore() - chunk.rowsAfter()) + " rows (" + chunk.rowsBefore()
                    + " -> " + chunk.rowsAfter() + ")");
        }
        return new BackfillChunk(
                chunk.start(),
                chunk.end(),
                chunk.status(),
                chunk.runId(),
                chunk.rowsBefore(),
                chunk.rowsAfter(),
                chunk.rowsExtracted(),
                chunk.rowsLoaded(),
                chunk.rowsRejected(),
                chunk.checksPassed(),
                chunk.checksFailed(),
                chunk.message(),
                found);
    }

    /** The chunks done whose rows per day stray from the median of all done chunks'. */
    static List<String> acrossChunks(List<BackfillChunk> chunks) {
        List<BackfillChunk> done = chunks.stream()
                .filter(c -> c.status() == BackfillChunk.Status.DONE)
                .toList();
        if (done.size() < 3) {
            return List.of();
        }
        double[] perDay =
                done.stream().mapToDouble(ChunkValidation::rowsPerDay).sorted().toArray();
        double median = perDay.length % 2 == 1
                ? perDay[perDay.length / 2]
                : (perDay[perDay.length / 2 - 1] + perDay[perDay.length / 2]) / 2;
        if (median == 0) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        for (BackfillChunk chunk : done) {
            double shift = (rowsPerDay(chunk) - median) / median * 100;
            if (Math.abs(shift) > VOLUME_SHIFT_PERCENT) {
                found.add(String.format(
                        Locale.ROOT,
                        "chunk %s: %.1f rows per day against a median of %.1f (%+.0f%%)",
                        new Chunks.Chunk(chunk.start(), chunk.end()),
                        rowsPerDay(chunk),
                        median,
                        shift));
            }
        }
        return found;
    }

    private static double rowsPerDay(BackfillChunk chunk) {
        return (double) chunk.rowsExtracted() / ChronoUnit.DAYS.between(chunk.start(), chunk.end());
    }
}
