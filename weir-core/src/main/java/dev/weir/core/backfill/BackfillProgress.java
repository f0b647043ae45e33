package dev.weir.core.backfill;

import dev.weir.core.spi.Backfill;
import dev.weir.core.spi.BackfillChunk;

/** Sees a backfill as it goes, on the thread that runs it: the CLI draws its progress here. */
public interface BackfillProgress {
    /** The backfill starts or resumes; {@code skipped} of its chunks were done by an earlier attempt. */
    default void started(Backfill backfill, int skipped) {}

    /** Chunk {@code index} (from 1, of {@code total} to run now) starts. */
    default void chunkStarted(BackfillChunk chunk, int index, int total) {}

    /** Chunk {@code index} ended, done or failed. */
    default void chunkFinished(BackfillChunk chunk, int index, int total) {}
}
